using CyberPledge.Stix.Tests.Support;

namespace CyberPledge.Stix.Tests;

public sealed class StixPatternTests
{
    // Patterns of STIX 2.1 §9 (its examples and the ones of its operator and literal tables), as pattern text.
    public static TheoryData<string> SpecificationExamples() =>
    [
        "[file:hashes.'SHA-256' = 'aec070645fe53ee3b3763059376134f058cc337247c978add178b6ccdfb0019f']",
        "[file:hashes.MD5 = 'cead3f77f6cda6ec00f57d76c9a6879f']",
        @"[email-message:from_ref.value MATCHES '.+\\@example\\.com$' AND email-message:body_multipart[*].body_raw_ref.name MATCHES '^Final Report.+\\.exe$']",
        "[file:hashes.'SHA-256' = 'aec070645fe53ee3b3763059376134f058cc337247c978add178b6ccdfb0019f' AND file:mime_type = 'application/x-pdf']",
        "[file:hashes.'SHA-256' = 'bf07a7fbb825fc0aae7bf4a1177b2b31fcf8a3feeaf7092761e18c859ee52a9c' OR file:hashes.MD5 = 'cead3f77f6cda6ec00f57d76c9a6879f'] AND [file:hashes.'SHA-256' = 'aec070645fe53ee3b3763059376134f058cc337247c978add178b6ccdfb0019f']",
        @"[file:hashes.MD5 = '79054025255fb1a26e4bc422aef54eb4'] FOLLOWEDBY [windows-registry-key:key = 'HKEY_LOCAL_MACHINE\\foo\\bar'] WITHIN 5 SECONDS",
        "[user-account:account_type = 'unix' AND user-account:user_id = '1007' AND user-account:account_login = 'Peter'] AND [user-account:account_type = 'unix' AND user-account:user_id = '1008' AND user-account:account_login = 'Paul']",
        @"[artifact:mime_type = 'application/vnd.tcpdump.pcap' AND artifact:payload_bin MATCHES '\\xd4\\xc3\\xb2\\xa1\\x02\\x00\\x04\\x00']",
        @"[file:name = 'foo.dll' AND file:parent_directory_ref.path = 'C:\\Windows\\System32']",
        "[file:extensions.'windows-pebinary-ext'.sections[*].entropy > 7.0]",
        "[file:mime_type = 'image/bmp' AND file:magic_number_hex = h'ffd8']",
        "[network-traffic:dst_ref.type = 'ipv4-addr' AND network-traffic:dst_ref.value = '203.0.113.33/32']",
        "[network-traffic:dst_ref.type = 'domain-name' AND network-traffic:dst_ref.value = 'example.com'] REPEATS 5 TIMES WITHIN 180 SECONDS",
        "[domain-name:value = 'www.5z8.info' AND domain-name:resolves_to_refs[*].value = '198.51.100.1/32']",
        "[url:value = 'http://example.com/foo' OR url:value = 'http://example.com/bar']",
        "[x509-certificate:issuer = 'CN=WEBMAIL' AND x509-certificate:serial_number = '4c:0b:1d:19:74:86:a7:66:b4:1a:bf:40:27:21:76:28']",
        "[(file:name = 'pdf.exe' OR file:size = '371712') AND file:created = t'2014-01-13T07:03:17Z']",
        "[x-usb-device:usbdrive.serial_number = '575833314133343231313937']",
        "[process:command_line MATCHES '^.+>-add GlobalSign.cer -c -s -r localMachine Root$'] FOLLOWEDBY [process:command_line MATCHES '^.+>-add GlobalSign.cer -c -s -r localMachineTrustedPublisher$'] WITHIN 300 SECONDS",
        "[network-traffic:dst_ref.value ISSUBSET '2001:0db8:dead:beef:0000:0000:0000:0000/64']",
        "[network-traffic:dst_ref.value ISSUPERSET '198.51.100.0/24']",
        @"([file:name = 'foo.dll'] AND [win-registry-key:key = 'HKEY_LOCAL_MACHINE\\foo\\bar']) OR [process:name = 'fooproc' OR process:name = 'procfoo']",
        "[file:hashes.MD5 = 'cead3f77f6cda6ec00f57d76c9a6879f'] START t'2016-06-01T00:00:00Z' STOP t'2016-07-01T00:00:00Z'",
        "[file:size IN (1, 2, 3)] AND [file:name NOT IN ('a', 'b')]",
        "[network-traffic:extensions.'http-request-ext'.request_header.'Accept-Encoding' LIKE '%gzip%']",
        "[file:name != 'a' AND file:name <> 'b' AND file:size >= -1 AND file:size <= +2 AND file:x < .5 AND file:y == -0.25]",
        "[artifact:payload_bin = b'AAEC'] AND [file:list[-1] = true] AND [file:list[0] != false] AND [file:set IN ()]",
        "[NOT EXISTS file:name] AND [EXISTS file:'quoted name'.x] /* comment */ // line comment",
        "[file:created > t'2016-12-31T23:59:60.123456789Z']",
    ];

    public static TheoryData<string, int, string> Invalid() => new()
    {
        { "[file:name = 'x'", 16, "']'" },
        { "file:name = 'x'", 0, "'[' or '(' (an observation expression)" },
        { "[file:name = 'x'] WITHIN -5 SECONDS", 25, "a positive number of seconds" },
        { "[file:name = 'x' AND]", 20, "an object type (e.g. file, ipv4-addr) or EXISTS" },
        { "[file:na-me = 'x']", 6, "a property name (an identifier without hyphens, or a quoted name)" },
        { "[file:name = \"x\"]", 13, "a token" },
        { "[file:name = 'it's']", 17, "']'" },
        { "[file:size > true]", 13, "an orderable constant (not a boolean)" },
        { "[file:name LIKE 5]", 16, "a string literal" },
        { "[file:created = t'2016-13-01T00:00:00Z']", 16, "a timestamp literal t'YYYY-MM-DDTHH:MM:SS[.s]Z'" },
        { "[file:created = t'2016-02-30T00:00:00Z']", 16, "a timestamp of a date that exists" },
        { "[file:magic_number_hex = h'abc']", 25, "a hex literal h'…' of an even number of hexadecimal digits" },
        { "[artifact:payload_bin = b'AAA']", 24, "a binary literal b'…' in base64" },
        { "[file:name = 'x'] REPEATS 0.5 TIMES", 26, "a positive integer" },
        { "[file:name = 'x'] START t'2016-06-01T00:00:00Z'", 47, "STOP" },
        { @"[file:name = 'a\x']", 15, @"\' or \\ (the only escapes in a string literal)" },
        { "[]", 1, "an object type (e.g. file, ipv4-addr) or EXISTS" },
        { "[file:size = 01]", 14, "']'" },
        { "[file:name = 'x'] FOLLOWEDBY", 28, "'[' or '(' (an observation expression)" },
        { "[file:name = 'x'] [file:name = 'y']", 18, "the end of the pattern (or AND, OR, FOLLOWEDBY, a qualifier)" },
        { "[file:name IN 'x']", 14, "'(' (a set of constants)" },
        { "[file:size = 99999999999999999999]", 13, "an integer within 64 bits" },
        { "[NOT file:name = 'x']", 5, "EXISTS" },
    };

    [Theory]
    [MemberData(nameof(SpecificationExamples))]
    public void Parse_SpecificationExample_IsAccepted(string pattern)
    {
        Assert.NotNull(StixPattern.Parse(pattern));
    }

    [Theory]
    [MemberData(nameof(Invalid))]
    public void Parse_Invalid_SaysWhereAndWhatWasExpected(string pattern, int position, string expected)
    {
        var error = Assert.Throws<StixPatternException>(() => StixPattern.Parse(pattern));

        Assert.Equal((position, expected), (error.Position, error.Expected));
    }

    [Theory]
    [MemberData(nameof(ExportedPatterns))]
    public void Parse_EveryExportedPattern_IsOneEqualityComparison(string pattern)
    {
        var observation = Assert.IsType<ObservationExpression>(StixPattern.Parse(pattern));

        Assert.Equal(ComparisonOperator.Equal, Assert.IsType<ComparisonTest>(observation.Comparison).Operator);
    }

    public static TheoryData<string> ExportedPatterns() => [.. SampleVersions.Values.Select(v => v.Pattern)];

    [Fact]
    public void Parse_ObservationOperators_FollowTheSpecificationsPrecedence()
    {
        var root = Assert.IsType<CompoundObservation>(StixPattern.Parse("[a:b = 1] FOLLOWEDBY [c:d = 2] OR [e:f = 3] AND [g:h = 4] WITHIN 5 SECONDS"));

        Assert.Equal(ObservationOperator.FollowedBy, root.Operator);
        var or = Assert.IsType<CompoundObservation>(root.Right);
        Assert.Equal(ObservationOperator.Or, or.Operator);
        var and = Assert.IsType<CompoundObservation>(or.Right);
        Assert.Equal(ObservationOperator.And, and.Operator);
        Assert.Equal(new WithinQualifier(5), Assert.IsType<QualifiedObservation>(and.Right).Qualifier);
    }

    [Fact]
    public void Parse_ComparisonAnd_BindsTighterThanOr()
    {
        var observation = Assert.IsType<ObservationExpression>(StixPattern.Parse("[a:b = 1 OR c:d = 2 AND e:f = 3]"));

        var or = Assert.IsType<CompoundComparison>(observation.Comparison);
        Assert.Equal(BooleanOperator.Or, or.Operator);
        Assert.Equal(BooleanOperator.And, Assert.IsType<CompoundComparison>(or.Right).Operator);
    }

    [Fact]
    public void Parse_ObjectPathAndLiterals_AreDecoded()
    {
        var test = Assert.IsType<ComparisonTest>(Assert.IsType<ObservationExpression>(
            StixPattern.Parse(@"[file:extensions.'windows-pebinary-ext'.sections[*].names[2] = 'a\'b\\c']")).Comparison);

        Assert.Equal("file", test.Path.ObjectType);
        Assert.Equal<PathStep>([new PropertyStep("extensions"), new PropertyStep("windows-pebinary-ext"), new PropertyStep("sections"),
            new IndexStep(null), new PropertyStep("names"), new IndexStep(2)], test.Path.Steps);
        Assert.Equal(@"a'b\c", Assert.IsType<StringLiteral>(test.Value).Value);
        Assert.Equal("file:extensions.'windows-pebinary-ext'.sections[*].names[2]", test.Path.ToString());
    }

    [Fact]
    public void Parse_Matches_IsKeptAsTextNeverCompiled()
    {
        // Not a valid regular expression: parsing must not try to compile it.
        var test = Assert.IsType<ComparisonTest>(Assert.IsType<ObservationExpression>(StixPattern.Parse("[file:name MATCHES '(((']")).Comparison);

        Assert.Equal(ComparisonOperator.Matches, test.Operator);
        Assert.Equal("(((", Assert.IsType<StringLiteral>(test.Value).Value);
    }

    [Fact]
    public void Parse_NestingBeyondTheCap_IsRefusedWithoutRecursingFurther()
    {
        var deep = new string('(', 10_000) + "[a:b = 1]" + new string(')', 10_000);

        var error = Assert.Throws<StixPatternException>(() => StixPattern.Parse(deep, maxLength: 100_000));

        Assert.Equal(StixPattern.DefaultMaxDepth, error.Position);
    }

    [Fact]
    public void Parse_NestingAtTheCap_IsAccepted()
    {
        var depth = StixPattern.DefaultMaxDepth - 1;

        Assert.NotNull(StixPattern.Parse(new string('(', depth) + "[a:b = 1]" + new string(')', depth)));
    }

    [Fact]
    public void Parse_LongerThanTheCap_IsRefusedBeforeLexing()
    {
        var pattern = "[a:b = '" + new string('x', StixPattern.DefaultMaxLength) + "']";

        Assert.Contains("at most", Assert.Throws<StixPatternException>(() => StixPattern.Parse(pattern)).Expected, StringComparison.Ordinal);
    }
}
