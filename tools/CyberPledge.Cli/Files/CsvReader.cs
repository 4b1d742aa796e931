using System.Text;

namespace CyberPledge.Cli.Files;

/// <summary>
/// RFC 4180 records: fields separated by commas, a field in double quotes may hold commas, line breaks and doubled
/// quotes. Each record carries the line it starts on, for error messages.
/// </summary>
internal sealed class CsvReader(TextReader reader, int firstLine = 1)
{
    private int _line = firstLine;

    /// <summary>The next record and the line it starts on, or null at the end; blank lines are skipped.</summary>
    /// <exception cref="FormatException">A quoted field is not closed, or a quote appears inside an unquoted field.</exception>
    public (int Line, List<string> Fields)? Read()
    {
        while (true)
        {
            var start = _line;
            var fields = new List<string>();
            var field = new StringBuilder();
            var quoted = false;
            var wasQuoted = false;
            var any = false;
            while (true)
            {
                var c = reader.Read();
                if (c < 0)
                {
                    if (quoted)
                    {
                        throw new FormatException($"line {start}: a quoted field is not closed");
                    }
                    if (!any)
                    {
                        return null;
                    }
                    fields.Add(field.ToString());
                    return (start, fields);
                }
                any = true;
                var ch = (char)c;
                if (quoted)
                {
                    if (ch == '"')
                    {
                        if (reader.Peek() == '"')
                        {
                            reader.Read();
                            field.Append('"');
                        }
                        else
                        {
                            quoted = false;
                        }
                    }
                    else
                    {
                        _line += ch == '\n' ? 1 : 0;
                        field.Append(ch);
                    }
                    continue;
                }
                switch (ch)
                {
                    case '"' when field.Length == 0 && !wasQuoted:
                        quoted = wasQuoted = true;
                        break;
                    case '"':
                        throw new FormatException($"line {_line}: a quote inside an unquoted field (quote the whole field and double the quote)");
                    case ',':
                        fields.Add(field.ToString());
                        field.Clear();
                        wasQuoted = false;
                        break;
                    case '\r':
                        break;
                    case '\n':
                        _line++;
                        fields.Add(field.ToString());
                        if (fields.Count == 1 && fields[0].Length == 0 && !wasQuoted)
                        {
                            goto nextRecord;
                        }
                        return (start, fields);
                    default:
                        field.Append(ch);
                        break;
                }
            }
        nextRecord:;
        }
    }
}
