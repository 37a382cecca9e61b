using Microsoft.ML;

namespace Microsoft.ML.Data;

// Declared in ML.NET's Microsoft.ML.Core assembly (src/Microsoft.ML.Core/Data/IRowToRowMapper.cs), namespace Microsoft.ML.Data.

public interface IRowToRowMapper
{
    DataViewSchema InputSchema { get; }

    DataViewSchema OutputSchema { get; }

    IEnumerable<DataViewSchema.Column> GetDependencies(IEnumerable<DataViewSchema.Column> dependingColumns);

    DataViewRow GetRow(DataViewRow input, IEnumerable<DataViewSchema.Column> activeColumns);
}
