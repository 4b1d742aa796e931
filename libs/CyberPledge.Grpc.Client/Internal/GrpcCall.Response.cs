using Grpc.Core;
using Grpc.Net.Internal;

namespace Grpc.Net.Client.Internal;

/// <summary>The response side: headers, messages, trailers.</summary>
internal sealed partial class GrpcCall<TRequest, TResponse>
{
    private static readonly Status NoMessageStatus = new(StatusCode.Internal, "Failed to deserialize response message. The response has no message.");
    private static readonly Status MultipleMessagesStatus = new(StatusCode.Internal, "The response of a unary call has more than one message.");
    private static readonly Status NoGrpcStatus = new(StatusCode.Unknown, "No grpc-status found on response.");

    private bool _expectsSingleResponse;
    private ResponseMessageReader<TResponse>? _reader;

    public async Task<Metadata> GetResponseHeadersAsync()
    {
        await WhenResponseReady().ConfigureAwait(false);
        var response = Volatile.Read(ref _response);
        if (!_headersValid || response is null)
        {
            throw CreateFailureException();
        }
        return ResponseHeaders.ToMetadata(response.Headers);
    }

    /// <summary>The reader of the response body, made on first use; only the reading side calls this.</summary>
    public async ValueTask<ResponseMessageReader<TResponse>> GetReaderAsync(HttpResponseMessage response)
    {
        if (_reader is null)
        {
            var stream = await response.Content.ReadAsStreamAsync(_cts.Token).ConfigureAwait(false);
            _reader = new ResponseMessageReader<TResponse>(
                stream,
                _method.ResponseMarshaller.ContextualDeserializer,
                _channel.MaxReceiveMessageSize,
                ResponseHeaders.GetValue(response.Headers, GrpcProtocolConstants.MessageEncodingHeader),
                _channel.CompressionProviders);
        }
        return _reader;
    }

    /// <summary>Ends the call with the status in the trailers of a response whose body has been read.</summary>
    public void FinishFromTrailers(HttpResponseMessage response, bool receivedMessage)
    {
        var trailers = response.TrailingHeaders;
        if (!ResponseHeaders.TryGetStatus(trailers, out var status))
        {
            status = NoGrpcStatus;
        }
        else if (status.StatusCode == StatusCode.OK && _expectsSingleResponse && !receivedMessage)
        {
            status = NoMessageStatus;
        }
        TryFinish(status, ResponseHeaders.ToMetadata(trailers));
    }

    /// <summary>What a stream reader returns once the call has ended: false for OK, else the failure.</summary>
    public bool EndOfStream() => EndedFailure() is { } failure ? throw failure : false;

    /// <summary>The failure of an ended call; null when it ended with OK.</summary>
    public Exception? EndedFailure() => WaitForStatus().StatusCode == StatusCode.OK ? null : CreateFailureException();

    /// <summary>The single response of a unary or client streaming call.</summary>
    private async Task<TResponse> ReadSingleResponseAsync(HttpContent content)
    {
        var response = await SendAsync(content).ConfigureAwait(false);
        if (response is not null)
        {
            try
            {
                var reader = await GetReaderAsync(response).ConfigureAwait(false);
                var received = await reader.MoveNextAsync(_cts.Token).ConfigureAwait(false);
                var message = reader.Current;
                if (received && await reader.MoveNextAsync(_cts.Token).ConfigureAwait(false))
                {
                    reader.ReturnBuffer();
                    TryFinish(MultipleMessagesStatus, Metadata.Empty);
                }
                else
                {
                    FinishFromTrailers(response, received);
                }
                if (received && WaitForStatus().StatusCode == StatusCode.OK)
                {
                    return message;
                }
            }
            catch (Exception ex)
            {
                FinishWithException(ex);
            }
        }
        throw CreateFailureException();
    }
}
