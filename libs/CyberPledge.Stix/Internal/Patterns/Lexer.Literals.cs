using System.Text;

namespace CyberPledge.Stix.Internal.Patterns;

/// <summary>Quoted literals, whitespace and comments.</summary>
internal sealed partial class Lexer
{
    private const string Whitespace = " \t\r\n\u000B\u000C\u0085\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000";

    private void SkipTrivia()
    {
        while (_position < text.Length)
        {
            if (Whitespace.Contains(text[_position], StringComparison.Ordinal))
            {
                _position++;
            }
            else if (text[_position] == '/' && Peek(1) == '*' && text.IndexOf("*/", _position + 2, StringComparison.Ordinal) is var end and >= 0)
            {
                _position = end + 2;
            }
            else if (text[_position] == '/' && Peek(1) == '/')
            {
                while (_position < text.Length && text[_position] is not '\r' and not '\n')
                {
                    _position++;
                }
            }
            else
            {
                return;
            }
        }
    }

    private Token QuotedLiteral(int start)
    {
        var prefix = text[_position] == '\'' ? '\0' : text[_position];
        if (prefix != '\0')
        {
            _position++;
        }

        var body = QuotedBody(start, prefix == '\0');
        var kind = prefix switch
        {
            'h' => TokenKind.Hex,
            'b' => TokenKind.Binary,
            't' => TokenKind.Timestamp,
            _ => TokenKind.String,
        };
        var valid = kind switch
        {
            TokenKind.Hex => body.Length % 2 == 0 && body.All(char.IsAsciiHexDigit),
            TokenKind.Binary => IsBase64(body),
            TokenKind.Timestamp => Literals.IsTimestamp(body),
            _ => true,
        };
        if (!valid)
        {
            throw new StixPatternException(start, kind switch
            {
                TokenKind.Hex => "a hex literal h'…' of an even number of hexadecimal digits",
                TokenKind.Binary => "a binary literal b'…' in base64",
                _ => "a timestamp literal t'YYYY-MM-DDTHH:MM:SS[.s]Z'",
            }, "'" + Excerpt(body) + "'");
        }

        return new Token(kind, start, body);
    }

    // The text between the quotes; for a string literal with \' and \\ resolved (the only escapes the grammar has).
    private string QuotedBody(int start, bool escapes)
    {
        _position++;
        var builder = new StringBuilder();
        while (_position < text.Length)
        {
            var c = text[_position];
            if (c == '\'')
            {
                _position++;
                return builder.ToString();
            }

            if (c == '\\')
            {
                if (!escapes || Peek(1) is not ('\'' or '\\'))
                {
                    throw new StixPatternException(_position, @"\' or \\ (the only escapes in a string literal)", "'\\" + Peek(1) + "'");
                }

                _position++;
                c = text[_position];
            }

            builder.Append(c);
            _position++;
        }

        throw new StixPatternException(start, "a closing quote", "the end of the pattern");
    }

    private static bool IsBase64(string body) =>
        body.Length > 0 && body.Length % 4 == 0
        && body.TrimEnd('=').All(c => char.IsAsciiLetterOrDigit(c) || c is '+' or '/')
        && body.Length - body.TrimEnd('=').Length <= 2;

    private static string Excerpt(string body) => body.Length <= 40 ? body : body[..40] + "…";
}
