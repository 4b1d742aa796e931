using System.Security.Cryptography;
using System.Text;
using CyberPledge.Federation.Node;
using CyberPledge.Federation.Registry;
using CyberPledge.ServiceDefaults.Identity;
using CyberPledge.V1;

namespace CyberPledge.Federation.Taxii;

/// <summary>
/// Who asks (as the gateway forwarded them): this nation's staff (<c>admin</c>, <c>analyst</c>) or a grantee (a
/// partner's <c>partner:&lt;NATION&gt;</c> or a peer's <c>node:&lt;NATION&gt;:...</c>); anyone else has no collection.
/// </summary>
internal sealed record TaxiiCaller(string Subject, string? Grantee)
{
    public bool IsStaff => Grantee is null;

    /// <summary>What a <c>next</c> token is sealed to: the caller and the collection.</summary>
    public string Binding(string collectionId) => $"taxii.next:{Subject}\n{Grantee ?? "staff"}\n{collectionId}";

    public static TaxiiCaller? From(CallerIdentity identity)
    {
        if (!identity.IsAuthenticated || identity.Subject is null)
        {
            return null;
        }

        if (identity.IsAdmin || identity.IsAnalyst)
        {
            return new TaxiiCaller(identity.Subject, null);
        }

        return identity.Nation is { } nation ? new TaxiiCaller(identity.Subject, nation) : null;
    }
}

/// <summary>One collection as a caller sees it: the node's own is writable by this nation's staff (docs/taxii.md "Import (POST)").</summary>
internal sealed record TaxiiCollection(string Id, string Title, string Description, bool CanRead, bool CanWrite = false);

/// <summary>
/// The collections of the API root, per caller (docs/taxii.md "Collections and policy"): this nation's staff see the
/// node's whole collection; a grantee sees one collection of what its agreements grant, and only while it has an
/// agreement. Another grantee's collection is never listed, and its id is a 404 like any unknown id.
/// </summary>
internal sealed class TaxiiCollections(TaxiiTokens tokens, AgreementDirectory agreements, NodeSelf self)
{
    public async Task<IReadOnlyList<TaxiiCollection>> ListAsync(TaxiiCaller caller, CancellationToken cancellationToken)
    {
        if (caller.Grantee is not { } grantee)
        {
            return [await NodeCollectionAsync(cancellationToken).ConfigureAwait(false)];
        }

        if (!agreements.Agreements.Values.Any(a => a.Grantee == grantee))
        {
            return [];
        }

        var id = await tokens.CollectionIdAsync("grantee:" + grantee, cancellationToken).ConfigureAwait(false);
        return [new TaxiiCollection(id, $"{self.Nation} indicators for {grantee}",
            $"What {self.Nation}'s sharing agreements with {grantee} grant, redacted as they say.", agreements.IsInForce(grantee))];
    }

    /// <summary>
    /// Every collection this node serves, for this nation's staff (ListTaxiiCollections): the node's own, then one per
    /// grantee this node has an agreement with, each as that grantee sees it.
    /// </summary>
    public async Task<IReadOnlyList<TaxiiCollectionInfo>> ListAllAsync(CancellationToken cancellationToken)
    {
        var node = await NodeCollectionAsync(cancellationToken).ConfigureAwait(false);
        var all = new List<TaxiiCollectionInfo> { Info(node, "") };
        foreach (var grantee in agreements.Agreements.Values.Select(a => a.Grantee).Distinct().Order(StringComparer.Ordinal))
        {
            foreach (var collection in await ListAsync(new TaxiiCaller("", grantee), cancellationToken).ConfigureAwait(false))
            {
                all.Add(Info(collection, grantee));
            }
        }

        return all;
    }

    private static TaxiiCollectionInfo Info(TaxiiCollection collection, string grantee) => new()
    {
        Id = collection.Id,
        Title = collection.Title,
        Grantee = grantee,
        CanRead = collection.CanRead,
        CanWrite = collection.CanWrite,
        Path = $"{TaxiiEndpoints.ApiRoot}collections/{collection.Id}/",
    };

    /// <summary>The collection with this id as the caller sees it; a 403 for the node's own collection asked by a grantee, else a 404.</summary>
    public async Task<TaxiiCollection> FindAsync(TaxiiCaller caller, string id, CancellationToken cancellationToken)
    {
        foreach (var collection in await ListAsync(caller, cancellationToken).ConfigureAwait(false))
        {
            if (collection.Id == id)
            {
                return collection;
            }
        }

        // The node's own collection is no secret (every node has one); a grantee's is (SECURITY.md rule 5).
        if (!caller.IsStaff && (await NodeCollectionAsync(cancellationToken).ConfigureAwait(false)).Id == id)
        {
            throw TaxiiError.Forbidden("this collection is for this nation's analysts and administrators");
        }

        throw TaxiiError.NotFound();
    }

    /// <summary>
    /// The versions of the caller's agreements, bound into its <c>next</c> tokens: a token from before a change of
    /// agreement is refused, and the client starts again from <c>added_after</c>.
    /// </summary>
    public byte[] AgreementDigest(TaxiiCaller caller)
    {
        var text = new StringBuilder();
        if (caller.Grantee is { } grantee)
        {
            foreach (var agreement in agreements.Agreements.Values.Where(a => a.Grantee == grantee).OrderBy(a => a.Id, StringComparer.Ordinal))
            {
                text.Append(agreement.Id).Append(' ').Append(agreement.Version).Append(' ').Append(agreement.Status).Append('\n');
            }
        }

        return SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString()))[..16];
    }

    private async Task<TaxiiCollection> NodeCollectionAsync(CancellationToken cancellationToken) =>
        new(await tokens.CollectionIdAsync("node", cancellationToken).ConfigureAwait(false), $"{self.Nation} indicators",
            $"Every indicator {self.Nation}'s node holds, TLP:RED included, for its own analysts and administrators.", CanRead: true, CanWrite: true);
}
