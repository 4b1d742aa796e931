using System.Text;
using CyberPledge.Indicators.Tests.Support;
using CyberPledge.Testing;
using CyberPledge.V1;
using Google.Protobuf;
using Grpc.Core;

namespace CyberPledge.Indicators.Tests.Grpc;

/// <summary>
/// Bytes that are not UTF-8 in a string field are refused, not stored as U+FFFD: the node must not sign text nobody
/// sent. The request is sent as raw bytes, since no protobuf library writes such a string.
/// </summary>
public sealed class InvalidUtf8Tests : IAsyncLifetime
{
    private const string Placeholder = "@@@@";

    // C3 28 is a lead byte without its continuation, A0 and A1 are continuations without a lead: same length as the placeholder.
    private static readonly byte[] NotUtf8 = [0xC3, 0x28, 0xA0, 0xA1];

    private static readonly Method<byte[], SubmitResponse> RawSubmit = new(
        MethodType.Unary,
        "cyberpledge.v1.Indicators",
        "Submit",
        Marshallers.Create((byte[] bytes) => bytes, bytes => bytes),
        Marshallers.Create((SubmitResponse response) => response.ToByteArray(), SubmitResponse.Parser.ParseFrom));

    private InProcessHost _host = null!;

    public async Task InitializeAsync() => _host = await InProcessHost.StartAsync();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    public static TheoryData<string, Action<IndicatorSubmission>> Fields => new()
    {
        { "description", s => s.Description = "seen " + Placeholder },
        { "internal_notes", s => s.InternalNotes = Placeholder + " case" },
        { "reporting_organisation", s => s.ReportingOrganisation = "CERT " + Placeholder },
        { "tags[1]", s => s.Tags.Add(["phishing", "tag-" + Placeholder]) },
        { "value", s => s.Value = "x" + Placeholder + ".example" },
    };

    [Theory]
    [MemberData(nameof(Fields))]
    public async Task Submit_FieldWithBytesThatAreNotUtf8_ItemRejectedNothingStored(string field, Action<IndicatorSubmission> setPlaceholder)
    {
        var submission = TestIndicators.Domain("utf8.example");
        setPlaceholder(submission);
        var bytes = WithBytesThatAreNotUtf8(new SubmitRequest { Indicators = { submission } }.ToByteArray());
        var invoker = TestTokens.WithToken(_host.Channel.CreateCallInvoker(), _host.Tokens.Analyst);

        var response = await invoker.AsyncUnaryCall(RawSubmit, null, new CallOptions(deadline: DateTime.UtcNow.AddSeconds(30)), bytes);

        var result = Assert.Single(response.Results);
        Assert.Equal(SubmitOutcome.Rejected, result.Outcome);
        Assert.Equal((int)StatusCode.InvalidArgument, result.StatusCode);
        Assert.Equal(field + ": not valid UTF-8", result.Error);
        Assert.Empty((await _host.Client.QueryAsync(new QueryRequest(), deadline: DateTime.UtcNow.AddSeconds(30))).Indicators);
    }

    private static byte[] WithBytesThatAreNotUtf8(byte[] message)
    {
        var placeholder = Encoding.ASCII.GetBytes(Placeholder);
        var at = message.AsSpan().IndexOf(placeholder);
        Assert.True(at >= 0 && message.AsSpan(at + 1).IndexOf(placeholder) < 0, "the placeholder must occur exactly once");
        NotUtf8.CopyTo(message, at);
        return message;
    }
}
