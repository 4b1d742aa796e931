namespace Grpc.Core;

/// <summary>Turns messages of one type into bytes and back.</summary>
public class Marshaller<T>
{
    private readonly Func<T, byte[]>? _serializer;
    private readonly Func<byte[], T>? _deserializer;

    /// <summary>Creates a marshaller from simple (array based) functions.</summary>
    public Marshaller(Func<T, byte[]> serializer, Func<byte[], T> deserializer)
    {
        _serializer = serializer ?? throw new ArgumentNullException(nameof(serializer));
        _deserializer = deserializer ?? throw new ArgumentNullException(nameof(deserializer));
        ContextualSerializer = (message, context) => context.Complete(_serializer(message));
        ContextualDeserializer = context => _deserializer(context.PayloadAsNewBuffer());
    }

    /// <summary>Creates a marshaller from contextual (buffer based) functions.</summary>
    public Marshaller(Action<T, SerializationContext> serializer, Func<DeserializationContext, T> deserializer)
    {
        ContextualSerializer = serializer ?? throw new ArgumentNullException(nameof(serializer));
        ContextualDeserializer = deserializer ?? throw new ArgumentNullException(nameof(deserializer));
    }

    /// <summary>The simple serializer; built from the contextual one when not given.</summary>
    public Func<T, byte[]> Serializer => _serializer ?? SerializeToArray;

    /// <summary>The simple deserializer; built from the contextual one when not given.</summary>
    public Func<byte[], T> Deserializer => _deserializer ?? DeserializeFromArray;

    /// <summary>The contextual serializer.</summary>
    public Action<T, SerializationContext> ContextualSerializer { get; }

    /// <summary>The contextual deserializer.</summary>
    public Func<DeserializationContext, T> ContextualDeserializer { get; }

    private byte[] SerializeToArray(T message)
    {
        var context = new ArraySerializationContext();
        ContextualSerializer(message, context);
        return context.Result;
    }

    private T DeserializeFromArray(byte[] payload) => ContextualDeserializer(new ArrayDeserializationContext(payload));
}

/// <summary>Factories for marshallers.</summary>
public static class Marshallers
{
    /// <summary>Creates a marshaller from simple functions.</summary>
    public static Marshaller<T> Create<T>(Func<T, byte[]> serializer, Func<byte[], T> deserializer) => new(serializer, deserializer);

    /// <summary>Creates a marshaller from contextual functions.</summary>
    public static Marshaller<T> Create<T>(Action<T, SerializationContext> serializer, Func<DeserializationContext, T> deserializer) => new(serializer, deserializer);

    /// <summary>A UTF-8 string marshaller.</summary>
    public static Marshaller<string> StringMarshaller { get; } =
        new(System.Text.Encoding.UTF8.GetBytes, System.Text.Encoding.UTF8.GetString);
}
