namespace CyberPledge.Stix.Internal.Patterns;

/// <summary>
/// Recursive descent over STIXPattern.g4. The grammar's left-recursive rules become loops (left-associative);
/// precedence, loosest first: FOLLOWEDBY, OR, AND between observations; OR, AND inside brackets. Qualifiers bind to
/// the observation expression before them.
/// </summary>
internal sealed partial class Parser
{
    private readonly Lexer _lexer;
    private readonly int _maxDepth;
    private Token _current;
    private int _depth;

    public Parser(string text, int maxDepth)
    {
        _lexer = new Lexer(text);
        _maxDepth = maxDepth;
        _current = _lexer.Next();
    }

    public PatternExpression ParsePattern()
    {
        var expression = ObservationExpressions();
        Expect(TokenKind.End, "the end of the pattern (or AND, OR, FOLLOWEDBY, a qualifier)");
        return expression;
    }

    private PatternExpression ObservationExpressions()
    {
        var left = ObservationOr();
        while (Accept(TokenKind.FollowedBy))
        {
            left = new CompoundObservation(ObservationOperator.FollowedBy, left, ObservationOr());
        }

        return left;
    }

    private PatternExpression ObservationOr()
    {
        var left = ObservationAnd();
        while (Accept(TokenKind.Or))
        {
            left = new CompoundObservation(ObservationOperator.Or, left, ObservationAnd());
        }

        return left;
    }

    private PatternExpression ObservationAnd()
    {
        var left = Observation();
        while (Accept(TokenKind.And))
        {
            left = new CompoundObservation(ObservationOperator.And, left, Observation());
        }

        return left;
    }

    private PatternExpression Observation()
    {
        PatternExpression expression;
        var open = _current;
        Enter(open);
        if (Accept(TokenKind.LBrack))
        {
            expression = new ObservationExpression(ComparisonOr());
            Expect(TokenKind.RBrack, "']'");
        }
        else if (Accept(TokenKind.LParen))
        {
            expression = ObservationExpressions();
            Expect(TokenKind.RParen, "')'");
        }
        else
        {
            throw Error("'[' or '(' (an observation expression)");
        }

        _depth--;
        while (Qualifier() is { } qualifier)
        {
            expression = new QualifiedObservation(expression, qualifier);
        }

        return expression;
    }

    private ObservationQualifier? Qualifier()
    {
        if (Accept(TokenKind.Start))
        {
            var start = Timestamp(Expect(TokenKind.Timestamp, "a timestamp literal t'…'"));
            Expect(TokenKind.Stop, "STOP");
            return new StartStopQualifier(start, Timestamp(Expect(TokenKind.Timestamp, "a timestamp literal t'…'")));
        }

        if (Accept(TokenKind.Within))
        {
            var seconds = _current.Kind is TokenKind.IntPos or TokenKind.FloatPos
                ? Decimal(Advance())
                : throw Error("a positive number of seconds");
            Expect(TokenKind.Seconds, "SECONDS");
            return new WithinQualifier(seconds);
        }

        if (Accept(TokenKind.Repeats))
        {
            var times = Integer(Expect(TokenKind.IntPos, "a positive integer"));
            Expect(TokenKind.Times, "TIMES");
            return new RepeatsQualifier(times);
        }

        return null;
    }

    private ComparisonExpression ComparisonOr()
    {
        var left = ComparisonAnd();
        while (Accept(TokenKind.Or))
        {
            left = new CompoundComparison(BooleanOperator.Or, left, ComparisonAnd());
        }

        return left;
    }

    private ComparisonExpression ComparisonAnd()
    {
        var left = PropertyTest();
        while (Accept(TokenKind.And))
        {
            left = new CompoundComparison(BooleanOperator.And, left, PropertyTest());
        }

        return left;
    }

    private void Enter(Token token)
    {
        if (++_depth > _maxDepth)
        {
            throw new StixPatternException(token.Position, $"nesting of at most {_maxDepth} brackets and parentheses", "deeper nesting");
        }
    }

    private bool Accept(TokenKind kind)
    {
        if (_current.Kind != kind)
        {
            return false;
        }

        Advance();
        return true;
    }

    private Token Expect(TokenKind kind, string expected) => _current.Kind == kind ? Advance() : throw Error(expected);

    private Token Advance()
    {
        var token = _current;
        if (token.Kind != TokenKind.End)
        {
            _current = _lexer.Next();
        }

        return token;
    }

    private StixPatternException Error(string expected) => Error(_current, expected);

    private static StixPatternException Error(Token token, string expected) => new(token.Position, expected,
        token.Kind == TokenKind.End ? "the end of the pattern" : "'" + (token.Text.Length <= 40 ? token.Text : token.Text[..40] + "…") + "'");
}
