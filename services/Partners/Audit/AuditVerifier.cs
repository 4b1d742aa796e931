using CyberPledge.V1;

namespace CyberPledge.Partners.Audit;

/// <summary>Walks the audit log from its first record and reports the first that does not follow from the one before.</summary>
internal static class AuditVerifier
{
    private const int PageSize = 1000;

    public static async Task<VerifyAuditResponse> VerifyAsync(IPartnerStore store, CancellationToken cancellationToken)
    {
        var previous = AuditChain.Genesis;
        ulong expected = 1;
        while (true)
        {
            var page = await store.ListAuditAsync(new AuditQuery("", "", null, null, expected - 1, PageSize), cancellationToken).ConfigureAwait(false);
            foreach (var record in page)
            {
                if (Broken(record, expected, previous) is { } reason)
                {
                    return new VerifyAuditResponse { Valid = false, Records = expected - 1, FirstBrokenSequence = expected, Reason = reason };
                }

                previous = record.Hash.ToByteArray();
                expected++;
            }

            if (page.Count < PageSize)
            {
                return new VerifyAuditResponse { Valid = true, Records = expected - 1 };
            }
        }
    }

    private static string? Broken(AuditRecord record, ulong expected, byte[] previous)
    {
        if (record.Sequence != expected)
        {
            return $"record {expected} is missing (the next one is {record.Sequence})";
        }

        if (!record.PreviousHash.Span.SequenceEqual(previous))
        {
            return $"record {expected}'s previous hash is not record {expected - 1}'s hash";
        }

        return record.Hash.Span.SequenceEqual(AuditChain.Hash(record))
            ? null
            : $"record {expected}'s hash does not match its contents";
    }
}
