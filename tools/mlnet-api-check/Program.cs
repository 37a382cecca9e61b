using System.Reflection;
using System.Runtime.Loader;

// Compares the reference assembly with the real ML.NET assemblies by reflection: every public type of the reference
// must exist under the same full name, and every visible member must have the same signature (names, parameter types,
// optional values, return type, static/abstract). Prints each mismatch; exit code 1 if any.
string version = args.Length > 0 ? args[0] : "5.0.1";
string root = Environment.GetEnvironmentVariable("NUGET_PACKAGES") ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
string[] realDirectories = new[] { "microsoft.ml", "microsoft.ml.dataview" }.Select(p => Path.Combine(root, p, version, "lib", "netstandard2.0")).ToArray();
string repository = Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, "../../../../.."));
string referencePath = Path.Combine(repository, "ref/Microsoft.ML.ApiReference/bin/Release/net10.0/Microsoft.ML.ApiReference.dll");
foreach (string path in realDirectories.Append(referencePath).Where(p => !Path.Exists(p)))
{
    Console.Error.WriteLine($"Not found: {path}. Build src/MLNetCtr with and without -p:UseRealMLNet=true first.");
    return 2;
}

var realContext = new AssemblyLoadContext("real");
realContext.Resolving += (context, name) => realDirectories.Select(d => Path.Combine(d, name.Name + ".dll")).Where(File.Exists).Select(context.LoadFromAssemblyPath).FirstOrDefault();
Assembly[] real = [.. realDirectories.SelectMany(d => Directory.GetFiles(d, "Microsoft.ML*.dll")).Select(realContext.LoadFromAssemblyPath)];
Assembly reference = new AssemblyLoadContext("reference").LoadFromAssemblyPath(referencePath);

const BindingFlags Declared = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;
int mismatches = 0, members = 0;
foreach (Type type in reference.GetTypes().Where(t => t.IsPublic || t.IsNestedPublic))
{
    Type? counterpart = real.Select(a => a.GetType(type.FullName!)).FirstOrDefault(t => t is not null);
    if (counterpart is null)
    {
        Console.WriteLine($"missing type: {type.FullName}");
        mismatches++;
        continue;
    }
    var signatures = counterpart.GetMembers(Declared).Where(IsVisible).Select(Signature).ToHashSet();
    foreach (MemberInfo member in type.GetMembers(Declared).Where(IsVisible).Where(m => m is not MethodInfo { IsSpecialName: true }))
    {
        members++;
        if (!signatures.Contains(Signature(member)))
        {
            Console.WriteLine($"{type.FullName}: not in ML.NET {version}: {Signature(member)}");
            mismatches++;
        }
    }
}
Console.WriteLine($"{members} members of {reference.GetName().Name} checked against Microsoft.ML {version}: {mismatches} mismatches.");
return mismatches == 0 ? 0 : 1;

static bool IsVisible(MemberInfo member) => member switch
{
    MethodBase m => m.IsPublic || m.IsFamily || m.IsFamilyOrAssembly,
    PropertyInfo p => p.GetAccessors(nonPublic: true).Any(a => a.IsPublic || a.IsFamily),
    FieldInfo f => f.IsPublic || f.IsFamily,
    Type t => t.IsNestedPublic,
    _ => false,
};

static string Name(Type t) =>
    t.IsGenericParameter ? "!" + t.GenericParameterPosition
    : t.IsByRef ? Name(t.GetElementType()!) + "&"
    : t.IsGenericType ? $"{t.GetGenericTypeDefinition().FullName}[{string.Join(",", t.GetGenericArguments().Select(Name))}]"
    : t.FullName ?? t.Name;

static string Signature(MemberInfo member) => member switch
{
    MethodBase m => $"{(m.IsStatic ? "static " : "")}{(m.IsAbstract ? "abstract " : "")}{m.Name}(" +
        string.Join(", ", m.GetParameters().Select(p => Name(p.ParameterType) + (p.IsOptional ? " = " + (p.DefaultValue ?? "null") : ""))) + ")" +
        (m is MethodInfo method ? " : " + Name(method.ReturnType) : ""),
    PropertyInfo p => $"property {p.Name} : {Name(p.PropertyType)}{(p.SetMethod is { IsPublic: true } ? " { set; }" : "")}",
    FieldInfo f => $"field {f.Name} : {Name(f.FieldType)}",
    Type t => "nested type " + t.Name,
    _ => member.ToString()!,
};
