using CyberPledge.V1;

namespace CyberPledge.Indicators;

/// <summary>The writes of one <see cref="IIndicatorStore.WriteAsync{T}"/> work; lookups see its own earlier writes.</summary>
public interface IIndicatorWriteTransaction : IIndicatorLookup
{
    /// <summary>Stores a version as the indicator's latest and appends it to the change feed; returns its sequence.</summary>
    ulong Append(Indicator version);

    /// <summary>Keeps a request's answer under its idempotency key.</summary>
    void SaveIdempotency(IdempotencyRecord record);
}
