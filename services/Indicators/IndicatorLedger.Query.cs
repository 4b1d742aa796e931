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
            : throw FieldError.Invalid("page_token", "not a token from a previous response").ToRpcException();
        var pageSize = request.PageSize == 0 ? DefaultPageSize : (int)Math.Min(request.PageSize, MaxPageSize);

        var rows = await _store.QueryAsync(filter, after, pageSize + 1, cancellationToken).ConfigureAwait(false);
        var response = new QueryResponse();
        response.Indicators.Add(rows.Take(pageSize).Select(row => row.Indicator));
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
                : throw FieldError.Invalid("value", reason).ToRpcException();
        }

        if (request.Text.Length > MaxTextLength)
        {
            throw FieldError.Invalid("text", string.Create(CultureInfo.InvariantCulture, $"longer than {MaxTextLength} characters")).ToRpcException();
        }

        if (request.ModifiedSince is { } since && !Timestamps.IsValid(since))
        {
            throw FieldError.Invalid("modified_since", "not a valid timestamp").ToRpcException();
        }

        return new IndicatorFilter
        {
            Type = type,
            Value = value,
            Sector = request.Sector == Sector.Unspecified ? null : CheckEnum(request.Sector, "sector"),
            Tlp = request.Tlp == Tlp.Unspecified ? null : CheckEnum(request.Tlp, "tlp"),
            OriginNation = request.OriginNation,
            OriginNodeId = request.OriginNodeId,
            ModifiedSince = request.ModifiedSince?.ToDateTimeOffset(),
            Text = request.Text,
            IncludeRevoked = request.IncludeRevoked,
        };
    }

    private static T CheckEnum<T>(T value, string field)
        where T : struct, Enum =>
        Enum.IsDefined(value) ? value : throw FieldError.Invalid(field, "unknown value " + Convert.ToInt32(value, System.Globalization.CultureInfo.InvariantCulture)).ToRpcException();
}
