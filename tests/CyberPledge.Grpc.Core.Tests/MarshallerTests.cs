using System.Buffers;
using System.Text;
using Grpc.Core;
using Xunit;

namespace CyberPledge.Grpc.Core.Tests;

public sealed class MarshallerTests
{
    [Fact]
    public void SimpleMarshaller_ContextualFormsUseIt()
    {
        var marshaller = Marshallers.StringMarshaller;

        var bytes = marshaller.Serializer("héllo");

        Assert.Equal("héllo", marshaller.Deserializer(bytes));
        Assert.Equal(Encoding.UTF8.GetBytes("héllo"), bytes);
    }

    [Fact]
    public void ContextualMarshaller_SimpleFormsAreBuiltFromIt()
    {
        var marshaller = Marshallers.Create<string>(
            (value, context) =>
            {
                var payload = Encoding.UTF8.GetBytes(value);
                context.SetPayloadLength(payload.Length);
                var writer = context.GetBufferWriter();
                payload.CopyTo(writer.GetSpan(payload.Length));
                writer.Advance(payload.Length);
                context.Complete();
            },
            context => Encoding.UTF8.GetString(context.PayloadAsReadOnlySequence().ToArray()));

        Assert.Equal("abc", marshaller.Deserializer(marshaller.Serializer("abc")));
    }

    [Fact]
    public void Method_FullNameIsSlashServiceSlashMethod()
    {
        var method = new Method<string, string>(MethodType.Unary, "cyberpledge.v1.Indicators", "Submit", Marshallers.StringMarshaller, Marshallers.StringMarshaller);

        Assert.Equal("/cyberpledge.v1.Indicators/Submit", method.FullName);
    }
}
