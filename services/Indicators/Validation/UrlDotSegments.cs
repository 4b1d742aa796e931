namespace CyberPledge.Indicators.Validation;

/// <summary>The remove_dot_segments algorithm of RFC 3986 section 5.2.4.</summary>
internal static class UrlDotSegments
{
    public static string Remove(string path)
    {
        var input = path;
        var output = new List<string>();
        while (input.Length > 0)
        {
            if (input.StartsWith("../", StringComparison.Ordinal))
            {
                input = input[3..];
            }
            else if (input.StartsWith("./", StringComparison.Ordinal))
            {
                input = input[2..];
            }
            else if (input.StartsWith("/./", StringComparison.Ordinal))
            {
                input = input[2..];
            }
            else if (input == "/.")
            {
                input = "/";
            }
            else if (input.StartsWith("/../", StringComparison.Ordinal) || input == "/..")
            {
                input = input.Length == 3 ? "/" : input[3..];
                if (output.Count > 0)
                {
                    output.RemoveAt(output.Count - 1);
                }
            }
            else if (input is "." or "..")
            {
                input = "";
            }
            else
            {
                var next = input.IndexOf('/', 1);
                var segment = next < 0 ? input : input[..next];
                output.Add(segment);
                input = next < 0 ? "" : input[next..];
            }
        }

        return string.Concat(output);
    }
}
