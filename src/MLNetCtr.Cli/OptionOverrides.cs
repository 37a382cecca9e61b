using System.Globalization;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using MLNetCtr.Data;
using MLNetCtr.Models;
using MLNetCtr.Training;

namespace MLNetCtr.Cli;

/// <summary>
/// Applies <c>--set Option=Value</c> assignments over a family's options. Names are the options record's property
/// names, case-insensitive; values are parsed to the property's type (numbers in invariant culture, <c>true</c>/<c>false</c>,
/// enum names, comma-separated lists such as <c>64,32</c>, and an empty value for null). The options go through the
/// family's JSON form and back, so what can be set is exactly what a model file stores; a dotted name reaches into a nested
/// options record (<c>Architecture.Layers=2</c>).
/// </summary>
internal static class OptionOverrides
{
    /// <summary>
    /// <paramref name="defaults"/> with every assignment applied, in order (a later one wins), then validated.
    /// Throws <see cref="CliUsageException"/> for a malformed assignment, an unknown name (listing the valid ones), a value
    /// of the wrong type, or options out of range.
    /// </summary>
    public static TrainingOptions Apply(ModelFamily family, TrainingOptions defaults, IReadOnlyList<string> assignments)
    {
        ArgumentNullException.ThrowIfNull(family);
        ArgumentNullException.ThrowIfNull(defaults);
        return Apply(family.OptionsType, family.OptionsToJson(defaults), assignments, $"trainer '{family.Id}'", json =>
        {
            TrainingOptions options = family.OptionsFromJson(json);
            options.Validate();
            return options;
        });
    }

    /// <summary>
    /// The same for an options record that is not a model family's (synthetic data, pretraining): <paramref name="defaults"/>
    /// through its JSON form with every assignment applied, then <paramref name="validate"/>. <paramref name="owner"/> names
    /// what the options belong to in messages, e.g. <c>"synth"</c>.
    /// </summary>
    public static T Apply<T>(T defaults, IReadOnlyList<string> assignments, string owner, Action<T> validate)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(defaults);
        ArgumentNullException.ThrowIfNull(validate);
        return Apply(typeof(T), JsonSerializer.Serialize(defaults, DatasetSchema.JsonOptions), assignments, owner, json =>
        {
            T options = JsonSerializer.Deserialize<T>(json, DatasetSchema.JsonOptions)!;
            validate(options);
            return options;
        });
    }

    private static T Apply<T>(Type optionsType, string defaultsJson, IReadOnlyList<string> assignments, string owner, Func<string, T> read)
    {
        ArgumentNullException.ThrowIfNull(assignments);
        JsonObject json = JsonNode.Parse(defaultsJson)!.AsObject();
        foreach (string assignment in assignments)
        {
            (string name, string value) = Split(assignment);
            (JsonObject target, PropertyInfo property) = Resolve(json, optionsType, name, owner);
            target[JsonName(property)] = ToJson(property.Name, property.PropertyType, value);
        }
        try
        {
            return read(json.ToJsonString());
        }
        catch (Exception e) when (e is ArgumentException or JsonException)
        {
            throw new CliUsageException($"Invalid --set value: {e.Message}");
        }
    }

    /// <summary>
    /// The JSON object holding option <paramref name="path"/> and its property: a plain name (<c>LearningRate</c>) or a
    /// dotted path into a nested options record (<c>Architecture.Layers</c>).
    /// </summary>
    private static (JsonObject Target, PropertyInfo Property) Resolve(JsonObject json, Type optionsType, string path, string owner)
    {
        string[] parts = path.Split('.');
        (JsonObject target, Type type) = (json, optionsType);
        for (int i = 0; ; i++)
        {
            Dictionary<string, PropertyInfo> settable = SettableProperties(type);
            string of = i == 0 ? "" : $" of {string.Join('.', parts[..i])}";
            PropertyInfo property = settable.TryGetValue(parts[i], out PropertyInfo? found) ? found
                : throw new CliUsageException($"Unknown option '{path}' for {owner}. Valid options{of}: {string.Join(", ", settable.Values.Select(p => p.Name))}.");
            if (i == parts.Length - 1)
            {
                return (target, property);
            }
            target = target[JsonName(property)] as JsonObject
                ?? throw new CliUsageException($"Option '{string.Join('.', parts[..(i + 1)])}' for {owner} has no options inside it: set it as a whole.");
            type = property.PropertyType;
        }
    }

    /// <summary>The public init/set properties of <paramref name="optionsType"/> that JSON carries, by case-insensitive name.</summary>
    public static Dictionary<string, PropertyInfo> SettableProperties(Type optionsType) =>
        optionsType.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.SetMethod is { IsPublic: true } && p.GetIndexParameters().Length == 0 && p.GetCustomAttribute<JsonIgnoreAttribute>() is null)
            .ToDictionary(p => p.Name, StringComparer.OrdinalIgnoreCase);

    private static (string Name, string Value) Split(string assignment)
    {
        int equals = assignment.IndexOf('=', StringComparison.Ordinal);
        if (equals <= 0)
        {
            throw new CliUsageException($"--set expects Option=Value, got '{assignment}'.");
        }
        return (assignment[..equals].Trim(), assignment[(equals + 1)..].Trim());
    }

    private static string JsonName(PropertyInfo property) =>
        property.GetCustomAttribute<JsonPropertyNameAttribute>()?.Name
        ?? DatasetSchema.JsonOptions.PropertyNamingPolicy?.ConvertName(property.Name)
        ?? property.Name;

    /// <summary>The JSON value of <paramref name="text"/> read as <paramref name="type"/>; <paramref name="name"/> is for errors.</summary>
    private static JsonNode? ToJson(string name, Type type, string text)
    {
        if (ElementType(type) is { } element)
        {
            string[] items = text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
            return new JsonArray(items.Select(item => ToJson(name, element, item)).ToArray());
        }
        Type? underlying = Nullable.GetUnderlyingType(type);
        if ((underlying is not null || !type.IsValueType) && text.Length == 0)
        {
            return null;
        }
        type = underlying ?? type;
        if (type.IsEnum)
        {
            return EnumValue(name, type, text);
        }
        return type switch
        {
            _ when type == typeof(string) => JsonValue.Create(text),
            _ when type == typeof(bool) => bool.TryParse(text, out bool flag) ? JsonValue.Create(flag) : throw WrongValue(name, "true or false", text),
            _ when type == typeof(int) => int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out int i) ? JsonValue.Create(i) : throw WrongValue(name, "an integer", text),
            _ when type == typeof(long) => long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out long l) ? JsonValue.Create(l) : throw WrongValue(name, "an integer", text),
            _ when type == typeof(float) || type == typeof(double) =>
                double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double d) && double.IsFinite(d) ? JsonValue.Create(d) : throw WrongValue(name, "a number", text),
            _ => throw new CliUsageException($"Option {name} has type {type.Name}, which --set cannot write."),
        };
    }

    private static JsonValue EnumValue(string name, Type type, string text)
    {
        string? match = Enum.GetNames(type).FirstOrDefault(n => string.Equals(n, text, StringComparison.OrdinalIgnoreCase));
        return match is null
            ? throw WrongValue(name, $"one of {string.Join(", ", Enum.GetNames(type))}", text)
            : JsonValue.Create(JsonNamingPolicy.CamelCase.ConvertName(match));   // the enum converter's spelling
    }

    /// <summary>The element type of an array or of a generic list/sequence interface, or null for a scalar.</summary>
    private static Type? ElementType(Type type)
    {
        if (type.IsArray)
        {
            return type.GetElementType();
        }
        if (type.IsGenericType && type != typeof(string))
        {
            Type definition = type.GetGenericTypeDefinition();
            if (definition == typeof(IReadOnlyList<>) || definition == typeof(IList<>) || definition == typeof(List<>)
                || definition == typeof(IEnumerable<>) || definition == typeof(IReadOnlyCollection<>) || definition == typeof(ICollection<>))
            {
                return type.GetGenericArguments()[0];
            }
        }
        return null;
    }

    private static CliUsageException WrongValue(string name, string expected, string text) =>
        new($"Option {name} expects {expected}, got '{text}'.");
}
