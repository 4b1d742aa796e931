using System.Text.Json;

namespace CyberPledge.Federation.Taxii.Import;

/// <summary>
/// Imports STIX objects into this node (SECURITY.md rule 2), for a TAXII POST and for a connector alike: each object
/// is read with <c>StixImport.Read</c>; an indicator goes to Indicators' <c>Import</c> under the source
/// (see <see cref="ImportSources"/>), a definition the node already knows succeeds without storing anything, and
/// anything else is a failure with its reason, never a silent drop.
/// </summary>
internal interface IStixImporter
{
    /// <summary>One outcome per object, in the order given.</summary>
    Task<IReadOnlyList<StixObjectOutcome>> ImportAsync(string source, IReadOnlyList<JsonElement> objects, CancellationToken cancellationToken);
}

/// <summary>
/// What became of one imported object, as a TAXII status reports it (section 4.3.1, status-details): the object's
/// <c>id</c> and <c>version</c> (its <c>modified</c>, else <c>created</c>) where readable, whether it succeeded, and a
/// message (why it failed; what was done for a success).
/// </summary>
internal sealed record StixObjectOutcome(string? Id, string? Version, bool Succeeded, string? Message);
