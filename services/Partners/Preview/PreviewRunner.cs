using CyberPledge.Partners.Agreements;
using CyberPledge.Partners.Grpc;
using CyberPledge.Partners.Peers;
using CyberPledge.V1;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;

namespace CyberPledge.Partners.Preview;

/// <summary>
/// Preview: one agreement over every stored, unrevoked indicator (read page by page through Indicators' Query),
/// counted by the rule that withheld each, with samples. A draft is evaluated as it would be once active.
/// </summary>
internal sealed class PreviewRunner(IPartnerStore store, IndicatorsConnection indicators, TimeProvider time, IAgreementEvaluator? evaluator = null)
{
    private const uint DefaultSamples = 10;
    private const uint MaxSamples = 100;
    private const uint PageSize = 1000;

    public IAgreementEvaluator Evaluator => evaluator
        ?? throw new RpcException(new Status(StatusCode.Unimplemented, "the policy engine is not installed in this host"));

    public async Task<PreviewResponse> PreviewAsync(PreviewRequest request, CancellationToken cancellationToken)
    {
        var agreement = AsActive(await ResolveAsync(request, cancellationToken).ConfigureAwait(false));
        var engine = Evaluator;
        var at = request.At?.ToDateTimeOffset() ?? time.GetUtcNow();
        var samples = request.Samples == 0 ? DefaultSamples : Math.Min(request.Samples, MaxSamples);
        var response = new PreviewResponse();
        var byRule = new Dictionary<string, ulong>(StringComparer.Ordinal);
        var query = new QueryRequest { PageSize = PageSize };
        do
        {
            var page = await indicators.Client.QueryAsync(query, cancellationToken: cancellationToken).ResponseAsync.ConfigureAwait(false);
            foreach (var indicator in page.Indicators)
            {
                var decision = engine.Evaluate(agreement, indicator, at);
                response.Evaluated++;
                var sample = new PreviewSample { Indicator = indicator, Reason = decision.Reason, Redacted = { decision.Redactions } };
                if (decision.Allowed)
                {
                    response.Shared++;
                    if (decision.ReleaseAt is { } release && release > at)
                    {
                        response.Embargoed++;
                        sample.ReleaseAt = Timestamp.FromDateTimeOffset(release);
                    }

                    AddSample(response.SharedSamples, sample, samples);
                }
                else
                {
                    response.Withheld++;
                    byRule[decision.Rule] = byRule.GetValueOrDefault(decision.Rule) + 1;
                    AddSample(response.WithheldSamples, sample, samples);
                }
            }

            query.PageToken = page.NextPageToken;
        }
        while (query.PageToken.Length > 0);

        response.ByRule.AddRange(byRule.OrderByDescending(p => p.Value).ThenBy(p => p.Key, StringComparer.Ordinal)
            .Select(p => new RuleCount { Rule = p.Key, Withheld = p.Value }));
        return response;
    }

    private async Task<SharingAgreement> ResolveAsync(PreviewRequest request, CancellationToken cancellationToken)
    {
        if (request.Agreement is not null)
        {
            if (request.AgreementId.Length > 0)
            {
                throw Refusals.InvalidArgument("agreement", "give an agreement or an agreement_id, not both");
            }

            return AgreementValidator.Normalize(request.Agreement, time.GetUtcNow());
        }

        AgreementValidator.Id("agreement_id", request.AgreementId);
        return await store.GetAgreementAsync(request.AgreementId, request.AgreementVersion, cancellationToken).ConfigureAwait(false)
            ?? throw Refusals.NotFound($"agreement {request.AgreementId}");
    }

    /// <summary>"What would they see": a draft (or a given agreement) is evaluated as the active agreement it would become.</summary>
    internal static SharingAgreement AsActive(SharingAgreement agreement)
    {
        if (agreement.Status is not (AgreementStatus.Draft or AgreementStatus.Unspecified))
        {
            return agreement;
        }

        var active = agreement.Clone();
        active.Status = AgreementStatus.Active;
        return active;
    }

    private static void AddSample(Google.Protobuf.Collections.RepeatedField<PreviewSample> samples, PreviewSample sample, uint limit)
    {
        if (samples.Count < limit)
        {
            samples.Add(sample);
        }
    }

    /// <summary>The grantee's agreements to explain with: the one asked for, else the grantee's active ones at <paramref name="at"/>.</summary>
    internal async Task<IReadOnlyList<SharingAgreement>> AgreementsForAsync(ExplainRequest request, DateTimeOffset at, CancellationToken cancellationToken)
    {
        if (request.AgreementId.Length > 0)
        {
            AgreementValidator.Id("agreement_id", request.AgreementId);
            var agreement = await store.GetAgreementAsync(request.AgreementId, 0, cancellationToken).ConfigureAwait(false)
                ?? throw Refusals.NotFound($"agreement {request.AgreementId}");
            if (request.Grantee.Length > 0 && PeerValidator.Nation("grantee", request.Grantee) != agreement.Grantee)
            {
                throw Refusals.InvalidArgument("grantee", $"agreement {agreement.Id} is for {agreement.Grantee}");
            }

            return [AsActive(agreement)];
        }

        var grantee = PeerValidator.Nation("grantee", request.Grantee);
        var all = await store.ListAgreementsAsync(ulong.MaxValue, cancellationToken).ConfigureAwait(false);
        return [.. all.Where(a => a.Grantee == grantee && AgreementLifecycle.Report(a, at).Status == AgreementStatus.Active)];
    }
}
