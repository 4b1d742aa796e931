using System.Collections.Frozen;

namespace CyberPledge.Stix.Internal.Patterns;

/// <summary>
/// The lexer rules of STIXPattern.g4: longest match, keywords before identifiers, whitespace and comments skipped,
/// any other character an error. Literal bodies are checked here against the grammar's exact shapes.
/// </summary>
internal sealed partial class Lexer(string text)
{
    private static readonly FrozenDictionary<string, TokenKind> Keywords = new Dictionary<string, TokenKind>(StringComparer.Ordinal)
    {
        ["AND"] = TokenKind.And, ["OR"] = TokenKind.Or, ["NOT"] = TokenKind.Not, ["FOLLOWEDBY"] = TokenKind.FollowedBy,
        ["LIKE"] = TokenKind.Like, ["MATCHES"] = TokenKind.Matches, ["ISSUPERSET"] = TokenKind.IsSuperset,
        ["ISSUBSET"] = TokenKind.IsSubset, ["EXISTS"] = TokenKind.Exists, ["LAST"] = TokenKind.Last, ["IN"] = TokenKind.In,
        ["START"] = TokenKind.Start, ["STOP"] = TokenKind.Stop, ["SECONDS"] = TokenKind.Seconds, ["WITHIN"] = TokenKind.Within,
        ["REPEATS"] = TokenKind.Repeats, ["TIMES"] = TokenKind.Times, ["true"] = TokenKind.Bool, ["false"] = TokenKind.Bool,
    }.ToFrozenDictionary(StringComparer.Ordinal);

    private int _position;

    public Token Next()
    {
        SkipTrivia();
        if (_position >= text.Length)
        {
            return new Token(TokenKind.End, _position, "");
        }

        var start = _position;
        var c = text[_position];
        if (c == '\'' || (c is 'h' or 'b' or 't' && Peek(1) == '\''))
        {
            return QuotedLiteral(start);
        }

        if (char.IsAsciiLetter(c) || c == '_')
        {
            return Word(start);
        }

        if (char.IsAsciiDigit(c) || ((c is '+' or '-' or '.') && StartsNumber()))
        {
            return Number(start);
        }

        return Punctuation(start, c);
    }

    private char Peek(int offset) => _position + offset < text.Length ? text[_position + offset] : '\0';

    private Token Word(int start)
    {
        var hyphen = false;
        while (_position < text.Length && (char.IsAsciiLetterOrDigit(text[_position]) || text[_position] is '_' or '-'))
        {
            hyphen |= text[_position] == '-';
            _position++;
        }

        var word = text[start.._position];
        if (Keywords.TryGetValue(word, out var keyword))
        {
            return new Token(keyword, start, word);
        }

        return new Token(hyphen ? TokenKind.IdentifierWithHyphen : TokenKind.IdentifierWithoutHyphen, start, word);
    }

    private bool StartsNumber()
    {
        var i = _position + (text[_position] is '+' or '-' ? 1 : 0);
        if (i < text.Length && char.IsAsciiDigit(text[i]))
        {
            return true;
        }

        return i + 1 < text.Length && text[i] == '.' && char.IsAsciiDigit(text[i + 1]);
    }

    private Token Number(int start)
    {
        var negative = text[_position] == '-';
        if (text[_position] is '+' or '-')
        {
            _position++;
        }

        var digitsStart = _position;
        while (_position < text.Length && char.IsAsciiDigit(text[_position]))
        {
            _position++;
        }

        if (_position + 1 < text.Length && text[_position] == '.' && char.IsAsciiDigit(text[_position + 1]))
        {
            _position++;
            while (_position < text.Length && char.IsAsciiDigit(text[_position]))
            {
                _position++;
            }

            return new Token(negative ? TokenKind.FloatNeg : TokenKind.FloatPos, start, text[start.._position]);
        }

        // IntPosLiteral is '0' | [1-9][0-9]*: a leading zero ends the literal after the zero, as the grammar lexes it.
        if (text[digitsStart] == '0')
        {
            _position = digitsStart + 1;
        }

        return new Token(negative ? TokenKind.IntNeg : TokenKind.IntPos, start, text[start.._position]);
    }

    private Token Punctuation(int start, char c)
    {
        (TokenKind Kind, int Length)? token = c switch
        {
            '=' => (TokenKind.Eq, Peek(1) == '=' ? 2 : 1),
            '!' when Peek(1) == '=' => (TokenKind.Neq, 2),
            '<' when Peek(1) == '>' => (TokenKind.Neq, 2),
            '<' => (Peek(1) == '=' ? TokenKind.Le : TokenKind.Lt, Peek(1) == '=' ? 2 : 1),
            '>' => (Peek(1) == '=' ? TokenKind.Ge : TokenKind.Gt, Peek(1) == '=' ? 2 : 1),
            ':' => (TokenKind.Colon, 1),
            '.' => (TokenKind.Dot, 1),
            ',' => (TokenKind.Comma, 1),
            '(' => (TokenKind.LParen, 1),
            ')' => (TokenKind.RParen, 1),
            '[' => (TokenKind.LBrack, 1),
            ']' => (TokenKind.RBrack, 1),
            '*' => (TokenKind.Asterisk, 1),
            _ => null,
        };
        if (token is not { } t)
        {
            throw new StixPatternException(start, "a token", Describe(c));
        }

        _position += t.Length;
        return new Token(t.Kind, start, text.Substring(start, t.Length));
    }

    private static string Describe(char c) => char.IsControl(c) || char.IsWhiteSpace(c)
        ? $"character U+{(int)c:X4}" : $"'{c}'";
}
