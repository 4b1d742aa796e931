using Xunit;

namespace CyberPledge.Interop.Tests;

/// <summary>The 14 client cases of the interop test description that every direction runs.</summary>
public static class InteropCaseNames
{
    public static TheoryData<string> All { get; } = new()
    {
        "empty_unary",
        "large_unary",
        "client_streaming",
        "server_streaming",
        "ping_pong",
        "empty_stream",
        "cancel_after_begin",
        "cancel_after_first_response",
        "timeout_on_sleeping_server",
        "custom_metadata",
        "status_code_and_message",
        "special_status_message",
        "unimplemented_service",
        "unimplemented_method",
    };
}
