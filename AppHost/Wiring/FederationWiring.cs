using CyberPledge.AppHost.Output;
using CyberPledge.AppHost.Topology;
using CyberPledge.V1;
using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;

namespace CyberPledge.AppHost.Wiring;

/// <summary>
/// Wires the federation the way its administrators would, through each node's gateway and Partners API: every node
/// registers every other nation (its CA and pinned signing key; a linked one with its gateway too), and each side of
/// a link grants the other an agreement from the tier's baseline. Idempotent: a second run finds what the first made
/// and changes only what differs (a renewed CA, a new signing key); an agreement a person suspended or revoked stays so.
/// </summary>
internal sealed class FederationWiring(FederationTopology topology, IReadOnlyDictionary<string, GatewayClient> gateways, LogSink logs)
{
    public async Task WireAsync(CancellationToken cancellationToken)
    {
        var keys = new Dictionary<string, ByteString>(StringComparer.Ordinal);
        foreach (var (nation, gateway) in gateways)
        {
            var identity = await gateway.Indicators.GetNodeIdentityAsync(new GetNodeIdentityRequest(), cancellationToken: cancellationToken).ResponseAsync.ConfigureAwait(false);
            keys[nation] = identity.PublicKey;
        }

        // Registry entries first without gateways, then agreements, then the gateways: a link starts when its peer's
        // gateway appears in the registry, and finds its agreement already in force instead of backing off.
        await Task.WhenAll(gateways.Values.Select(g => RegisterPeersAsync(g, keys, withEndpoints: false, cancellationToken))).ConfigureAwait(false);
        await Task.WhenAll(topology.Agreements.GroupBy(a => a.Grantor).Select(g => GrantAsync(gateways[g.Key], g, cancellationToken))).ConfigureAwait(false);
        await Task.WhenAll(gateways.Values.Select(g => RegisterPeersAsync(g, keys, withEndpoints: true, cancellationToken))).ConfigureAwait(false);
    }

    private async Task RegisterPeersAsync(GatewayClient node, Dictionary<string, ByteString> keys, bool withEndpoints, CancellationToken cancellationToken)
    {
        var known = (await node.Partners.ListPeersAsync(new ListPeersRequest(), cancellationToken: cancellationToken).ResponseAsync.ConfigureAwait(false))
            .Peers.ToDictionary(p => p.Nation, StringComparer.Ordinal);
        foreach (var other in topology.Nodes.Where(n => n.Nation != node.Nation))
        {
            var peer = gateways[other.Nation];
            known.TryGetValue(other.Nation, out var current);
            var wanted = new Peer
            {
                Nation = other.Nation,
                Name = other.Name,
                Tier = other.Tier,
                CaCertificatePem = peer.Material.Ca.ExportCertificatePem(),
                Endpoint = withEndpoints && topology.Linked(node.Nation, other.Nation) ? peer.Address.ToString().TrimEnd('/') : current?.Endpoint ?? "",
            };
            wanted.SigningKeys.Add(keys[other.Nation]);
            if (current is null)
            {
                await node.Partners.AddPeerAsync(new AddPeerRequest { Peer = wanted }, cancellationToken: cancellationToken).ResponseAsync.ConfigureAwait(false);
                logs.Note($"{node.Nation}: registered {other.Nation}" + (wanted.Endpoint.Length > 0 ? $" at {wanted.Endpoint}" : ""));
            }
            else if (!Same(current, wanted))
            {
                await node.Partners.UpdatePeerAsync(new UpdatePeerRequest { Peer = wanted, ExpectedVersion = current.Version }, cancellationToken: cancellationToken)
                    .ResponseAsync.ConfigureAwait(false);
                logs.Note($"{node.Nation}: updated {other.Nation}" + (wanted.Endpoint.Length > 0 ? $" at {wanted.Endpoint}" : ""));
            }
        }
    }

    private async Task GrantAsync(GatewayClient grantor, IEnumerable<AgreementSpec> agreements, CancellationToken cancellationToken)
    {
        var existing = (await grantor.Partners.ListAgreementsAsync(new ListAgreementsRequest(), cancellationToken: cancellationToken).ResponseAsync.ConfigureAwait(false))
            .Agreements.ToDictionary(a => a.Id, StringComparer.Ordinal);
        foreach (var spec in agreements)
        {
            if (!existing.TryGetValue(spec.Id, out var agreement))
            {
                var template = spec.Template == Tier.Ally ? AgreementTemplate.AllyBaseline : AgreementTemplate.PartnerBaseline;
                var rules = await grantor.Partners.GetTemplateAsync(new GetTemplateRequest { Template = template, Tier = spec.Template }, cancellationToken: cancellationToken)
                    .ResponseAsync.ConfigureAwait(false);
                if (spec.Embargo is { } embargo)
                {
                    rules.Embargo = embargo > TimeSpan.Zero ? Duration.FromTimeSpan(embargo) : null;
                }
                agreement = await grantor.Partners.CreateAgreementAsync(new CreateAgreementRequest
                {
                    Agreement = new SharingAgreement
                    {
                        Id = spec.Id,
                        Grantee = spec.Grantee,
                        Tier = spec.Tier,
                        Title = $"{spec.Grantor} shares with {spec.Grantee} ({(spec.Template == Tier.Ally ? "ally" : "partner")} baseline, made by AppHost)",
                        ValidFrom = Timestamp.FromDateTimeOffset(DateTimeOffset.UtcNow.AddDays(-1)),
                        Rules = rules,
                    },
                }, cancellationToken: cancellationToken).ResponseAsync.ConfigureAwait(false);
            }
            if (agreement.Status == AgreementStatus.Draft)
            {
                await grantor.Partners.ActivateAgreementAsync(
                    new AgreementTransitionRequest { Id = agreement.Id, ExpectedVersion = agreement.Version, Reason = "AppHost topology" },
                    cancellationToken: cancellationToken).ResponseAsync.ConfigureAwait(false);
                logs.Note($"{spec.Grantor}: agreement {spec.Id} for {spec.Grantee} active");
            }
            else if (agreement.Status != AgreementStatus.Active)
            {
                logs.Note($"{spec.Grantor}: agreement {spec.Id} for {spec.Grantee} is {agreement.Status.ToString().ToLowerInvariant()}: left as it is");
            }
        }
    }

    private static bool Same(Peer current, Peer wanted) =>
        current.Tier == wanted.Tier
        && current.Name == wanted.Name
        && current.Endpoint.TrimEnd('/') == wanted.Endpoint
        && current.SigningKeys.Count == 1 && current.SigningKeys[0] == wanted.SigningKeys[0]
        && current.CaCertificatePem.Trim() == wanted.CaCertificatePem.Trim();
}
