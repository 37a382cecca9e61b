using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace MLNetCtr.Data;

public sealed partial record DatasetSchema
{
    /// <summary>
    /// The schema as JSON for people to read and edit: one column per line, holding only the properties that differ from
    /// their defaults. <see cref="Load"/> reads it back to the same schema.
    /// </summary>
    public string ToConciseJson()
    {
        var compact = new JsonSerializerOptions(JsonOptions) { WriteIndented = false };
        var text = new StringBuilder("{\n");
        text.Append("  \"delimiter\": ").Append(JsonSerializer.Serialize(Delimiter, compact)).Append(",\n");
        if (FileColumns is not null)
        {
            text.Append("  \"fileColumns\": ").Append(JsonSerializer.Serialize(FileColumns, compact)).Append(",\n");
        }
        text.Append("  \"columns\": [\n    ");
        text.AppendJoin(",\n    ", Columns.Select(c => ConciseColumn(c, compact)));
        return text.Append("\n  ]\n}\n").ToString();
    }

    private static string ConciseColumn(ColumnSchema column, JsonSerializerOptions compact)
    {
        JsonObject json = JsonSerializer.SerializeToNode(column, compact)!.AsObject();
        JsonObject defaults = JsonSerializer.SerializeToNode(new ColumnSchema { Name = column.Name }, compact)!.AsObject();
        foreach ((string key, JsonNode? value) in defaults)
        {
            if (key != "name" && JsonNode.DeepEquals(json[key], value))
            {
                json.Remove(key);
            }
        }
        return json.ToJsonString(compact);
    }
}
