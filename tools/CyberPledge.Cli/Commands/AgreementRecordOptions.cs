using System.CommandLine;
using CyberPledge.V1;

namespace CyberPledge.Cli.Commands;

/// <summary>
/// <c>agreements create|update</c> options for the rules on incidents, support and sightings (docs/partners.md,
/// "Incidents, support and sightings"). Each option given changes its rule alone, on top of the file's or the
/// template's rules (or, for <c>update</c> without a file, the current version's).
/// </summary>
internal sealed class AgreementRecordOptions
{
    private readonly Option<bool?> _shareIncidents = new("--share-incidents")
    {
        Description = "Share this node's incidents with the grantee (true or false; alone: true)",
        Arity = ArgumentArity.ZeroOrOne,
    };

    private readonly Option<string?> _incidentSectors = new("--incident-sectors")
    {
        Description = "The incident sectors, comma-separated (energy,transport); all: every sector",
        HelpName = "LIST",
    };

    private readonly Option<string?> _incidentMinSeverity = new("--incident-min-severity")
    {
        Description = "The lowest incident severity shared: low, medium, high, critical (required with --share-incidents)",
        HelpName = "SEVERITY",
    };

    private readonly Option<bool?> _redactAffectedServices = new("--redact-affected-services")
    {
        Description = "Leave incidents' affected services out of the grantee's copies (true or false; alone: true)",
        Arity = ArgumentArity.ZeroOrOne,
    };

    private readonly Option<string?> _support = new("--support")
    {
        Description = "Support with the grantee: request, offer, request,offer or none",
        HelpName = "LIST",
    };

    private readonly Option<bool?> _shareSightings = new("--share-sightings")
    {
        Description = "Send the grantee sightings of indicators it originated or relayed here (true or false; alone: true)",
        Arity = ArgumentArity.ZeroOrOne,
    };

    private readonly Option<uint?> _sightingHopLimit = new("--sighting-hop-limit")
    {
        Description = "Relays a sighting may have made when it reaches the grantee, this node's included (0-16; default 2)",
        HelpName = "N",
    };

    private IEnumerable<Option> All => [_shareIncidents, _incidentSectors, _incidentMinSeverity, _redactAffectedServices, _support, _shareSightings, _sightingHopLimit];

    public void AddTo(Command command)
    {
        foreach (var option in All)
        {
            command.Add(option);
        }
    }

    /// <summary>
    /// The change the options given make to an agreement's rules, read and checked at once (a bad value is a usage
    /// error naming its option, before anything is read or sent); null when none is given.
    /// </summary>
    public Action<AgreementRules>? Read(CommandAction action)
    {
        if (!All.Any(option => action.Parsed.GetResult(option) is not null))
        {
            return null;
        }

        var shareIncidents = action.Value(_shareIncidents);
        var sectors = action.Value(_incidentSectors) is { } list
            ? list.Trim().Equals("all", StringComparison.OrdinalIgnoreCase) ? [] : List(list).Select(s => IndicatorsCommands.Parse<Sector>(s, "--incident-sectors")).ToArray()
            : null;
        var severity = action.Value(_incidentMinSeverity) is { } text ? IndicatorsCommands.Parse<Severity>(text, "--incident-min-severity") : (Severity?)null;
        var redact = action.Value(_redactAffectedServices);
        var support = action.Value(_support) is { } kinds ? Support(kinds) : null;
        var shareSightings = action.Value(_shareSightings);
        var hopLimit = action.Value(_sightingHopLimit);
        var touchesIncidents = shareIncidents is not null || sectors is not null || severity is not null || redact is not null;
        return rules =>
        {
            if (touchesIncidents)
            {
                var incidents = rules.Incidents ??= new IncidentRules();
                incidents.Share = shareIncidents ?? incidents.Share;
                if (sectors is not null)
                {
                    incidents.Sectors.Clear();
                    incidents.Sectors.Add(sectors);
                }
                incidents.MinSeverity = severity ?? incidents.MinSeverity;
                incidents.RedactAffectedServices = redact ?? incidents.RedactAffectedServices;
            }
            rules.Support = support ?? rules.Support;
            if (shareSightings is not null || hopLimit is not null)
            {
                var sightings = rules.Sightings ??= new SightingRules();
                sightings.Share = shareSightings ?? sightings.Share;
                if (hopLimit is { } hops)
                {
                    sightings.HopLimit = hops;
                }
            }
        };
    }

    private static SupportRules Support(string text)
    {
        var kinds = List(text).Select(k => k.ToLowerInvariant()).ToHashSet();
        if (kinds.SetEquals(["none"]))
        {
            return new SupportRules();
        }
        if (kinds.Count == 0 || !kinds.IsSubsetOf(["request", "offer"]))
        {
            throw new UsageException($"--support: '{text}' is not request, offer, request,offer or none");
        }
        return new SupportRules { MayRequest = kinds.Contains("request"), MayOffer = kinds.Contains("offer") };
    }

    private static string[] List(string text) => text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
