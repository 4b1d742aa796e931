using CyberPledge.InteropServer.Shared;
using Grpc.Core;
using Grpc.Testing;

namespace CyberPledge.InteropClient.Cases;

/// <summary>The assertions of the interop cases; each failure names what was checked and what was seen.</summary>
internal static class InteropAssert
{
    public static void True(bool condition, string message)
    {
        if (!condition)
        {
            throw new InteropAssertionException(message);
        }
    }

    public static void Equal<T>(T expected, T actual, string what)
    {
        if (!EqualityComparer<T>.Default.Equals(expected, actual))
        {
            throw new InteropAssertionException($"{what}: expected {Show(expected)}, got {Show(actual)}");
        }
    }

    /// <summary>The description's "payload body is N bytes", plus what it leaves free to check: all zeros, COMPRESSABLE.</summary>
    public static void ZeroPayload(Payload? payload, int expectedSize, string what)
    {
        True(payload is not null, $"{what}: no payload");
        Equal(PayloadType.Compressable, payload!.Type, $"{what}: payload type");
        Equal(expectedSize, payload.Body.Length, $"{what}: payload body size");
        True(ZeroPayloads.IsAllZeros(payload.Body), $"{what}: payload body is not all zeros");
    }

    /// <summary>Awaits a call that must fail; returns its exception.</summary>
    public static async Task<RpcException> FailsAsync(Func<Task> call, string what)
    {
        try
        {
            await call();
        }
        catch (RpcException ex)
        {
            return ex;
        }
        throw new InteropAssertionException($"{what}: expected the call to fail, but it succeeded");
    }

    /// <summary>A failed call ended with exactly this status code and detail.</summary>
    public static void Status(StatusCode expectedCode, string expectedDetail, RpcException failure, string what)
    {
        Equal(expectedCode, failure.StatusCode, $"{what}: status code");
        Equal(expectedDetail, failure.Status.Detail, $"{what}: status message");
    }

    // Strings are shown JSON-escaped, so whitespace and non-ASCII differences are visible.
    private static string Show<T>(T value) => value is string text ? System.Text.Json.JsonSerializer.Serialize(text) : value?.ToString() ?? "null";
}
