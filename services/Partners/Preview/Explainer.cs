using CyberPledge.Partners.Grpc;
using CyberPledge.V1;
using Google.Protobuf.WellKnownTypes;

namespace CyberPledge.Partners.Preview;

/// <summary>
/// Explain: one indicator version (read through Indicators' Get), one grantee, decided as the engine decides a
/// delivery: without an agreement, deny; with several in force, deny overrides allow (the first refusal, agreements
/// by id, is the reason); when all allow, the first one's decision is given with every agreement's redactions and the
/// latest release time. Every agreement evaluated leaves a line in the trace.
/// </summary>
internal sealed class Explainer(PreviewRunner runner, IndicatorsConnection indicators, TimeProvider time)
{
    public async Task<ExplainResponse> ExplainAsync(ExplainRequest request, CancellationToken cancellationToken)
    {
        if (request.IndicatorId.Length == 0)
        {
            throw Refusals.InvalidArgument("indicator_id", "required");
        }

        var at = request.At?.ToDateTimeOffset() ?? time.GetUtcNow();
        var agreements = await runner.AgreementsForAsync(request, at, cancellationToken).ConfigureAwait(false);
        var engine = runner.Evaluator;
        var indicator = await indicators.Client.GetAsync(new GetRequest { Id = request.IndicatorId, Version = request.IndicatorVersion }, cancellationToken: cancellationToken)
            .ResponseAsync.ConfigureAwait(false);
        if (agreements.Count == 0)
        {
            return new ExplainResponse
            {
                Allowed = false,
                Rule = "no_agreement",
                Reason = $"withheld: no active agreement with {request.Grantee}",
                Trace = { "no active agreement: deny by default" },
            };
        }

        ExplainResponse? refusal = null;
        ExplainResponse? allowed = null;
        var trace = new List<string>();
        foreach (var agreement in agreements)
        {
            var decision = engine.Evaluate(agreement, indicator, at);
            trace.Add($"{agreement.Id} v{agreement.Version}: {(decision.Allowed ? "allow" : "deny")} ({decision.Rule}): {decision.Reason}");
            var response = new ExplainResponse
            {
                Allowed = decision.Allowed,
                Reason = decision.Reason,
                AgreementId = agreement.Id,
                AgreementVersion = agreement.Version,
                Rule = decision.Rule,
                Redactions = { decision.Redactions },
                ReleaseAt = decision.ReleaseAt is { } release ? Timestamp.FromDateTimeOffset(release) : null,
            };
            if (!decision.Allowed)
            {
                refusal ??= response;
            }
            else if (allowed is null)
            {
                allowed = response;
            }
            else
            {
                allowed.Redactions.AddRange(response.Redactions.Except(allowed.Redactions).ToList());
                if (response.ReleaseAt is { } later && (allowed.ReleaseAt is null || later.ToDateTimeOffset() > allowed.ReleaseAt.ToDateTimeOffset()))
                {
                    allowed.ReleaseAt = later;
                }
            }
        }

        var explained = refusal ?? allowed!;
        explained.Trace.AddRange(trace);
        return explained;
    }
}
