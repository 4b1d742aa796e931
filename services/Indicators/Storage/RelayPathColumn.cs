using CyberPledge.V1;
using Google.Protobuf;
using Google.Protobuf.Collections;

namespace CyberPledge.Indicators.Storage;

/// <summary>
/// The <c>relay_path</c> column of both stores: the hops as a protobuf message whose field 1 is the repeated RelayHop,
/// empty for no hop (this node's own versions, and foreign ones received from their origin).
/// </summary>
internal static class RelayPathColumn
{
    // Field 1, length-delimited.
    private static readonly uint HopTag = WireFormat.MakeTag(1, WireFormat.WireType.LengthDelimited);
    private static readonly FieldCodec<RelayHop> Codec = FieldCodec.ForMessage(HopTag, RelayHop.Parser);

    public static byte[] Write(IReadOnlyList<RelayHop>? path)
    {
        if (path is null || path.Count == 0)
        {
            return [];
        }

        var field = new RepeatedField<RelayHop> { path };
        var bytes = new byte[field.CalculateSize(Codec)];
        var output = new CodedOutputStream(bytes);
        field.WriteTo(output, Codec);
        output.Flush();
        return bytes;
    }

    public static IReadOnlyList<RelayHop> Read(byte[] bytes)
    {
        if (bytes.Length == 0)
        {
            return [];
        }

        var field = new RepeatedField<RelayHop>();
        var input = new CodedInputStream(bytes);
        uint tag;
        while ((tag = input.ReadTag()) != 0)
        {
            if (tag == HopTag)
            {
                field.AddEntriesFrom(input, Codec);
            }
            else
            {
                input.SkipLastField();
            }
        }

        return field;
    }
}
