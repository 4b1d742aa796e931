using Grpc.Core;

namespace CyberPledge.Partners.Taxii;

/// <summary>
/// Bounds the slow password checks that run at once (PBKDF2 with 600,000 iterations costs a core for a fraction of a
/// second): a check waits for a free slot for at most <paramref name="wait"/>, then is refused with RESOURCE_EXHAUSTED,
/// so a flood of Basic sign-ins from many sources queues briefly and then fails instead of taking every core
/// (SECURITY.md rule 10). The gateway answers such a refusal as the credential store being unavailable.
/// </summary>
internal sealed class PasswordCheckSlots(int slots, TimeSpan wait)
{
    /// <summary>One check per core, each waiting at most five seconds for its turn.</summary>
    public static PasswordCheckSlots ForThisMachine() => new(Environment.ProcessorCount, TimeSpan.FromSeconds(5));

    private readonly SemaphoreSlim _free = new(slots, slots);

    public async Task<T> RunAsync<T>(Func<T> check, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(check);
        if (!await _free.WaitAsync(wait, cancellationToken).ConfigureAwait(false))
        {
            throw new RpcException(new Status(StatusCode.ResourceExhausted, "too many password checks at once: try again shortly"));
        }

        try
        {
            return check();
        }
        finally
        {
            _free.Release();
        }
    }
}
