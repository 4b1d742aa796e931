using Google.Protobuf.Reflection;

namespace Grpc.Reflection.Internal;

/// <summary>
/// What reflection answers from: the mapped services' names, and their .proto files with every file they import,
/// indexed by file name, by fully-qualified symbol and by extension (extended type, field number).
/// </summary>
internal sealed class DescriptorIndex
{
    private readonly Dictionary<string, FileDescriptor> _files = new(StringComparer.Ordinal);
    private readonly Dictionary<string, FileDescriptor> _symbols = new(StringComparer.Ordinal);
    private readonly Dictionary<string, SortedDictionary<int, FileDescriptor>> _extensionsByType = new(StringComparer.Ordinal);
    private readonly HashSet<string> _messageTypes = new(StringComparer.Ordinal);

    private DescriptorIndex(IReadOnlyList<string> serviceNames) => ServiceNames = serviceNames;

    /// <summary>The fully-qualified names of the mapped services, sorted.</summary>
    public IReadOnlyList<string> ServiceNames { get; }

    public static DescriptorIndex Build(IEnumerable<ServiceDescriptor> services)
    {
        var list = services.ToList();
        var index = new DescriptorIndex([.. list.Select(s => s.FullName).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)]);
        foreach (var service in list)
        {
            index.AddFile(service.File);
        }
        return index;
    }

    public FileDescriptor? FindFile(string name) => _files.GetValueOrDefault(name);

    public FileDescriptor? FindFileContainingSymbol(string symbol) => _symbols.GetValueOrDefault(symbol);

    public FileDescriptor? FindFileContainingExtension(string type, int number) =>
        _extensionsByType.TryGetValue(type, out var extensions) ? extensions.GetValueOrDefault(number) : null;

    /// <summary>The extension numbers of a known message type (often none in proto3); null for an unknown type.</summary>
    public IReadOnlyCollection<int>? FindExtensionNumbers(string type) =>
        _extensionsByType.TryGetValue(type, out var extensions) ? extensions.Keys
        : _messageTypes.Contains(type) ? [] : null;

    /// <summary>The file first, then every file it imports, directly or not, each once.</summary>
    public static List<FileDescriptor> WithDependencies(FileDescriptor file)
    {
        var result = new List<FileDescriptor>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var pending = new Stack<FileDescriptor>([file]);
        while (pending.TryPop(out var next))
        {
            if (seen.Add(next.Name))
            {
                result.Add(next);
                for (var i = next.Dependencies.Count - 1; i >= 0; i--)
                {
                    pending.Push(next.Dependencies[i]);
                }
            }
        }
        return result;
    }

    private void AddFile(FileDescriptor file)
    {
        if (!_files.TryAdd(file.Name, file))
        {
            return;
        }
        foreach (var dependency in file.Dependencies)
        {
            AddFile(dependency);
        }
        var scope = file.Package;
        AddEnums(file.EnumTypes, scope, file);
        AddExtensions(file.Extensions.UnorderedExtensions, file);
        foreach (var message in file.MessageTypes)
        {
            AddMessage(message, file);
        }
        foreach (var service in file.Services)
        {
            AddSymbol(service.FullName, file);
            foreach (var method in service.Methods)
            {
                AddSymbol(method.FullName, file);
            }
        }
    }

    private void AddMessage(MessageDescriptor message, FileDescriptor file)
    {
        AddSymbol(message.FullName, file);
        _messageTypes.Add(message.FullName);
        foreach (var field in message.Fields.InDeclarationOrder())
        {
            AddSymbol(field.FullName, file);
        }
        foreach (var oneof in message.Oneofs)
        {
            AddSymbol(oneof.FullName, file);
        }
        AddEnums(message.EnumTypes, message.FullName, file);
        AddExtensions(message.Extensions.UnorderedExtensions, file);
        foreach (var nested in message.NestedTypes)
        {
            AddMessage(nested, file);
        }
    }

    /// <summary>Enum values are symbols of the enum's own scope (pkg.VALUE, as protoc resolves them), not of the enum.</summary>
    private void AddEnums(IEnumerable<EnumDescriptor> enums, string scope, FileDescriptor file)
    {
        var prefix = scope.Length == 0 ? "" : scope + ".";
        foreach (var enumType in enums)
        {
            AddSymbol(enumType.FullName, file);
            foreach (var value in enumType.Values)
            {
                AddSymbol(prefix + value.Name, file);
            }
        }
    }

    private void AddExtensions(IEnumerable<FieldDescriptor> extensions, FileDescriptor file)
    {
        foreach (var extension in extensions)
        {
            AddSymbol(extension.FullName, file);
            if (!_extensionsByType.TryGetValue(extension.ExtendeeType.FullName, out var numbers))
            {
                _extensionsByType[extension.ExtendeeType.FullName] = numbers = [];
            }
            numbers.TryAdd(extension.FieldNumber, file);
        }
    }

    // The first file to declare a symbol keeps it: protoc refuses duplicates within one build anyway.
    private void AddSymbol(string symbol, FileDescriptor file) => _symbols.TryAdd(symbol, file);
}
