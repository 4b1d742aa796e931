using System.Globalization;
using CyberPledge.Indicators.Validation;
using CyberPledge.Indicators.Versioning;
using CyberPledge.V1;

namespace CyberPledge.Indicators;

public sealed partial class IndicatorLedger
{
    /// <summary>The page size when a query asks for none.</summary>
    public const int DefaultPageSize = 100;

    /// <summary>The largest page; larger requests are served this many (as AIP-158 advises).</summary>
    public const int MaxPageSize = 1000;

    /// <summary>The most bytes of indicators a page carries: under the 4 MiB a default gRPC client accepts, with room for the token.</summary>
    public const int MaxPageBytes = 4 * 1024 * 1024 - 64 * 1024;

    // A repeated message field's tag and length prefix.
    private const int MessageOverhead = 1 + 5;

    private const int MaxTextLength = 256;

    /// <summary>
    /// Latest versions matching every filter, in change-feed order. The page token is the
    /// sequence of the page's last row, so an indicator changed between two pages moves to
    /// the end and is seen again rather than missed.
    /// </summary>
    public async Task<QueryResponse> QueryAsync(QueryRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var filter = ToFilter(request);
        var after = PageToken.TryParse(request.PageToken, out var sequence)
            ? sequence
            : throw FieldError.Invalid("page_token", "not a token from a previous response").ToException();
        var pageSize = request.PageSize == 0 ? DefaultPageSize : (int)Math.Min(request.PageSize, MaxPageSize);

        var rows = await _store.QueryAsync(filter, after, pageSize + 1, cancellationToken).ConfigureAwait(false);
        var response = new QueryResponse();
        var bytes = 0;
        for (var i = 0; i < Math.Min(rows.Count, pageSize); i++)
        {
            // A page also fits a default client's 4 MB receive limit: it ends early, with a token, when the next
            // indicator would not fit (an indicator at the documented maxima is about 17 KB).
            var size = rows[i].Indicator.CalculateSize() + MessageOverhead;
            if (i > 0 && bytes + size > MaxPageBytes)
            {
                response.NextPageToken = PageToken.Format(rows[i - 1].Sequence);
                return response;
            }

            bytes += size;
            response.Indicators.Add(rows[i].Indicator);
        }

        if (rows.Count > pageSize)
        {
            response.NextPageToken = PageToken.Format(rows[pageSize - 1].Sequence);
        }

        return response;
    }

    private static IndicatorFilter ToFilter(QueryRequest request)
    {
        IndicatorType? type = request.Type == IndicatorType.Unspecified ? null : CheckEnum(request.Type, "type");
        var value = request.Value;
        if (value.Length > 0 && type is { } knownType)
        {
            value = IndicatorValueNormalizer.TryNormalize(knownType, value, out var normalized, out var reason)
                ? normalized
                : throw FieldError.Invalid("value", reason).ToException();
        }
        else if (value.Length > 0)
        {
            // Without a type, the value is read as Submit would read it for the first type that takes it.
            value = IndicatorValueNormalizer.NormalizeAsAnyType(value);
        }

        // Origins are stored upper case (ISO 3166-1); a filter in another case would silently match nothing.
        var nation = request.OriginNation.ToUpperInvariant();
        if (nation.Length > 0 && (nation.Length is < 2 or > 3 || !nation.All(char.IsAsciiLetterUpper)))
        {
            throw FieldError.Invalid("origin_nation", "an ISO 3166-1 alpha-3 (or alpha-2) code").ToException();
        }

        if (request.Text.Length > MaxTextLength)
        {
            throw FieldError.Invalid("text", string.Create(CultureInfo.InvariantCulture, $"longer than {MaxTextLength} characters")).ToException();
        }

        if (request.ModifiedSince is { } since && !Timestamps.IsValid(since))
        {
            throw FieldError.Invalid("modified_since", "not a valid timestamp").ToException();
        }

        return new IndicatorFilter
        {
            Type = type,
            Value = value,
            Sector = request.Sector == Sector.Unspecified ? null : CheckEnum(request.Sector, "sector"),
            Tlp = request.Tlp == Tlp.Unspecified ? null : CheckEnum(request.Tlp, "tlp"),
            OriginNation = nation,
            OriginNodeId = request.OriginNodeId,
            ModifiedSince = request.ModifiedSince?.ToDateTimeOffset(),
            Text = request.Text,
            TextAlternative = IdnaForm(request.Text),
            IncludeRevoked = request.IncludeRevoked,
            Warnings = CheckEnum(request.Warnings, "warnings"),
        };
    }

    /// <summary>The IDNA ASCII form of a search text that is an internationalized domain name (stored values use it).</summary>
    private static string? IdnaForm(string text) =>
        !text.All(char.IsAscii) && DomainNormalizer.TryNormalize(Refang.Apply(text), out var ascii, out _) ? ascii : null;

    private static T CheckEnum<T>(T value, string field)
        where T : struct, Enum =>
        Enum.IsDefined(value) ? value : throw FieldError.Invalid(field, "unknown value " + Convert.ToInt32(value, System.Globalization.CultureInfo.InvariantCulture)).ToException();
}
