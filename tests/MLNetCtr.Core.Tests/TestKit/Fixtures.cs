using System.Text.Json;
using MLNetCtr.Tensors;

namespace MLNetCtr.Tests.TestKit;

/// <summary>
/// Reads the JSON golden fixtures that scripts under <c>tools/</c> write to <c>tests/MLNetCtr.Core.Tests/Fixtures/</c>
/// (copied next to the test assembly). Convention: a tensor is <c>{"shape": [...], "data": [...]}</c>, row-major;
/// a file holds named sections, each a list of cases with a <c>"name"</c> (or, as golden_layers.json, an object of
/// named cases). Module tensors are loaded and compared by name (<see cref="LoadByName"/>).
/// </summary>
public static class Fixtures
{
    /// <summary>Parses <c>Fixtures/<paramref name="fileName"/></c> from the test output folder.</summary>
    public static JsonElement Load(string fileName)
    {
        string path = Path.Combine(AppContext.BaseDirectory, "Fixtures", fileName);
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"Golden fixture '{path}' is missing; regenerate it with the script under tools/ that writes it.", path);
        }
        using JsonDocument document = JsonDocument.Parse(File.ReadAllText(path));
        return document.RootElement.Clone();
    }

    /// <summary>The names of the cases in section <paramref name="section"/>, for <c>MemberData</c>.</summary>
    public static TheoryData<string> CaseNames(JsonElement root, string section) =>
        new(root.GetProperty(section).EnumerateArray().Select(c => c.GetProperty("name").GetString()!));

    /// <summary>The case called <paramref name="name"/> in section <paramref name="section"/>.</summary>
    public static JsonElement Case(JsonElement root, string section, string name) =>
        root.GetProperty(section).EnumerateArray().Single(c => c.GetProperty("name").GetString() == name);

    /// <summary>A JSON number array as floats.</summary>
    public static float[] Floats(this JsonElement array) => [.. array.EnumerateArray().Select(v => (float)v.GetDouble())];

    /// <summary>A JSON number array as floats, or null for JSON null.</summary>
    public static float[]? FloatsOrNull(this JsonElement array) => array.ValueKind == JsonValueKind.Null ? null : array.Floats();

    /// <summary>A JSON integer array.</summary>
    public static int[] Ints(this JsonElement array) => [.. array.EnumerateArray().Select(v => v.GetInt32())];

    /// <summary>A JSON Boolean array, or null for JSON null.</summary>
    public static bool[]? BoolsOrNull(this JsonElement array) =>
        array.ValueKind == JsonValueKind.Null ? null : [.. array.EnumerateArray().Select(v => v.GetBoolean())];

    /// <summary>The <c>"shape"</c> of a stored tensor.</summary>
    public static int[] Shape(this JsonElement tensor) => tensor.GetProperty("shape").Ints();

    /// <summary>The <c>"data"</c> of a stored tensor.</summary>
    public static float[] Data(this JsonElement tensor) => tensor.GetProperty("data").Floats();

    /// <summary>A stored tensor as a <see cref="Tensor"/>; a leaf that requires grad when asked.</summary>
    public static Tensor ToTensor(this JsonElement tensor, bool requiresGrad = false, string? name = null) =>
        requiresGrad ? Tensor.Parameter(tensor.Data(), tensor.Shape(), name) : Tensor.From(tensor.Data(), tensor.Shape());

    /// <summary>A stored tensor, or null for JSON null.</summary>
    public static Tensor? ToTensorOrNull(this JsonElement tensor, bool requiresGrad = false, string? name = null) =>
        tensor.ValueKind == JsonValueKind.Null ? null : tensor.ToTensor(requiresGrad, name);

    /// <summary>
    /// Copies each stored tensor of <paramref name="tensors"/> (an object of name → tensor) into the module tensor of
    /// the same name, checking that the names match exactly and the shapes agree: loads torch weights "by name".
    /// </summary>
    public static void LoadByName(IReadOnlyList<(string Name, Tensor Tensor)> moduleTensors, JsonElement tensors)
    {
        Assert.Equal(tensors.EnumerateObject().Select(p => p.Name).Order(), moduleTensors.Select(p => p.Name).Order());
        foreach ((string name, Tensor target) in moduleTensors)
        {
            JsonElement stored = tensors.GetProperty(name);
            Assert.True(stored.Shape().AsSpan().SequenceEqual(target.Shape), $"{name}: shape {string.Join(",", stored.Shape())} vs ours {string.Join(",", target.Shape.ToArray())}");
            stored.Data().CopyTo(target.Data, 0);
        }
    }

    /// <summary>Asserts that each stored tensor of <paramref name="expected"/> (name → tensor) matches the module tensor of that name, through <paramref name="select"/>.</summary>
    public static void AssertByName(IReadOnlyList<(string Name, Tensor Tensor)> moduleTensors, JsonElement expected, Func<Tensor, float[]?> select, string what, double tolerance = 1e-5)
    {
        var byName = moduleTensors.ToDictionary(p => p.Name, p => p.Tensor);
        foreach (JsonProperty stored in expected.EnumerateObject())
        {
            Assert.True(byName.TryGetValue(stored.Name, out Tensor? tensor), $"{what}: no tensor named '{stored.Name}'");
            float[] actual = select(tensor!) ?? new float[tensor!.Size];
            AssertClose(stored.Value.Data(), actual, $"{what} {stored.Name}", tolerance);
        }
    }

    /// <summary>Asserts <c>|actual − expected| ≤ tolerance · (1 + |expected|)</c> element-wise: absolute near 0, relative elsewhere.</summary>
    public static void AssertClose(ReadOnlySpan<float> expected, ReadOnlySpan<float> actual, string what, double tolerance = 1e-5)
    {
        Assert.True(expected.Length == actual.Length, $"{what}: {actual.Length} values, expected {expected.Length}");
        for (int i = 0; i < expected.Length; i++)
        {
            AssertClose(expected[i], actual[i], $"{what}[{i}]", tolerance);
        }
    }

    /// <summary>Asserts <c>|actual − expected| ≤ tolerance · (1 + |expected|)</c>.</summary>
    public static void AssertClose(double expected, double actual, string what, double tolerance = 1e-5) =>
        Assert.True(Math.Abs(actual - expected) <= tolerance * (1 + Math.Abs(expected)), $"{what}: {actual:G9}, expected {expected:G9}");
}
