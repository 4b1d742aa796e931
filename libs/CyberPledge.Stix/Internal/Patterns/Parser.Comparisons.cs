using System.Globalization;

namespace CyberPledge.Stix.Internal.Patterns;

/// <summary>Property tests, object paths and literals.</summary>
internal sealed partial class Parser
{
    private ComparisonExpression PropertyTest()
    {
        if (_current.Kind == TokenKind.LParen)
        {
            Enter(Advance());
            var inner = ComparisonOr();
            Expect(TokenKind.RParen, "')'");
            _depth--;
            return inner;
        }

        if (_current.Kind is TokenKind.Not or TokenKind.Exists)
        {
            var negated = Accept(TokenKind.Not);
            if (negated && _current.Kind != TokenKind.Exists)
            {
                throw Error("EXISTS");
            }

            Advance();
            return new ExistsTest(ObjectPath(), negated);
        }

        var path = ObjectPath();
        var not = Accept(TokenKind.Not);
        var op = _current;
        ComparisonOperator comparison;
        PatternLiteral value;
        switch (op.Kind)
        {
            case TokenKind.Eq or TokenKind.Neq:
                Advance();
                comparison = op.Kind == TokenKind.Eq ? ComparisonOperator.Equal : ComparisonOperator.NotEqual;
                value = Primitive("a constant");
                break;
            case TokenKind.Gt or TokenKind.Lt or TokenKind.Ge or TokenKind.Le:
                Advance();
                comparison = op.Kind switch
                {
                    TokenKind.Gt => ComparisonOperator.GreaterThan,
                    TokenKind.Lt => ComparisonOperator.LessThan,
                    TokenKind.Ge => ComparisonOperator.GreaterThanOrEqual,
                    _ => ComparisonOperator.LessThanOrEqual,
                };
                value = _current.Kind == TokenKind.Bool ? throw Error("an orderable constant (not a boolean)") : Primitive("an orderable constant");
                break;
            case TokenKind.In:
                Advance();
                comparison = ComparisonOperator.In;
                value = Set();
                break;
            case TokenKind.Like or TokenKind.Matches or TokenKind.IsSubset or TokenKind.IsSuperset:
                Advance();
                comparison = op.Kind switch
                {
                    TokenKind.Like => ComparisonOperator.Like,
                    TokenKind.Matches => ComparisonOperator.Matches,
                    TokenKind.IsSubset => ComparisonOperator.IsSubset,
                    _ => ComparisonOperator.IsSuperset,
                };
                value = new StringLiteral(Expect(TokenKind.String, "a string literal").Text);
                break;
            default:
                throw Error("a comparison operator (=, !=, <, >, <=, >=, IN, LIKE, MATCHES, ISSUBSET, ISSUPERSET)");
        }

        return new ComparisonTest(path, not, comparison, value);
    }

    private ObjectPath ObjectPath()
    {
        var type = _current.Kind is TokenKind.IdentifierWithoutHyphen or TokenKind.IdentifierWithHyphen
            ? Advance().Text
            : throw Error("an object type (e.g. file, ipv4-addr) or EXISTS");
        Expect(TokenKind.Colon, "':' after the object type");
        List<PathStep> steps = [new PropertyStep(_current.Kind is TokenKind.IdentifierWithoutHyphen or TokenKind.String
            ? Advance().Text
            : throw Error("a property name (an identifier without hyphens, or a quoted name)"))];
        while (true)
        {
            if (Accept(TokenKind.Dot))
            {
                steps.Add(new PropertyStep(_current.Kind is TokenKind.IdentifierWithoutHyphen or TokenKind.String
                    ? Advance().Text
                    : throw Error("a property name after '.'")));
            }
            else if (_current.Kind == TokenKind.LBrack)
            {
                Advance();
                long? index = _current.Kind switch
                {
                    TokenKind.Asterisk => null,
                    TokenKind.IntPos or TokenKind.IntNeg => Integer(_current),
                    _ => throw Error("a list index (an integer or '*')"),
                };
                Advance();
                Expect(TokenKind.RBrack, "']' after the list index");
                steps.Add(new IndexStep(index));
            }
            else
            {
                return new ObjectPath(type, steps);
            }
        }
    }

    private SetLiteral Set()
    {
        Expect(TokenKind.LParen, "'(' (a set of constants)");
        List<PatternLiteral> values = [];
        if (!Accept(TokenKind.RParen))
        {
            do
            {
                values.Add(Primitive("a constant"));
            }
            while (Accept(TokenKind.Comma));
            Expect(TokenKind.RParen, "',' or ')'");
        }

        return new SetLiteral(values);
    }

    private PatternLiteral Primitive(string expected)
    {
        var token = _current;
        PatternLiteral literal = token.Kind switch
        {
            TokenKind.IntPos or TokenKind.IntNeg => new IntegerLiteral(Integer(token)),
            TokenKind.FloatPos or TokenKind.FloatNeg => new FloatLiteral(double.Parse(token.Text, NumberStyles.Float, CultureInfo.InvariantCulture)),
            TokenKind.String => new StringLiteral(token.Text),
            TokenKind.Bool => new BooleanLiteral(token.Text == "true"),
            TokenKind.Binary => new BinaryLiteral(Convert.FromBase64String(token.Text)),
            TokenKind.Hex => new HexLiteral(Convert.FromHexString(token.Text)),
            TokenKind.Timestamp => Timestamp(token),
            _ => throw Error(expected),
        };
        Advance();
        return literal;
    }

    private static TimestampLiteral Timestamp(Token token) => Literals.TryTime(token.Text, out var time)
        ? new TimestampLiteral(token.Text, time)
        : throw Error(token, "a timestamp of a date that exists");

    private static long Integer(Token token) => long.TryParse(token.Text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value)
        ? value
        : throw Error(token, "an integer within 64 bits");

    private static decimal Decimal(Token token) => decimal.TryParse(token.Text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value)
        ? value
        : throw Error(token, "a number of seconds");
}
