using CyberPledge.Signing.Tests.Support;
using CyberPledge.V1;
using FsCheck;
using FsCheck.Fluent;
using Google.Protobuf;

namespace CyberPledge.Signing.Tests;

/// <summary>
/// Encoding v2's promise, over random versions, batches and redactions: any subset of the redactable fields can be
/// left out of a copy that still verifies, and nothing signed can be changed without the copy failing.
/// </summary>
public sealed class IndicatorRedactionPropertyTests : IDisposable
{
    private static readonly Config Config = FsCheck.Config.QuickThrowOnFailure.WithMaxTest(150);

    private readonly TestSigner _signer = new();

    /// <summary>A signed batch of 1-4 versions, one of them picked, and a set of redactions.</summary>
    private Gen<(Indicator Version, RedactableFields Redactions)> SignedAndRedactions =>
        from batch in Gen.Choose(1, 4).SelectMany(n => Gen.ArrayOf(V2Generators.Unsigned, n))
        from pick in Gen.Choose(0, batch.Length - 1)
        from redactions in V2Generators.Redactions
        select (Sign(batch)[pick], redactions);

    private Indicator[] Sign(Indicator[] batch)
    {
        _signer.Key.SignBatch(batch);
        return batch;
    }

    private void Check<T>(Gen<T> gen, Func<T, bool> property) => FsCheck.Check.One(Config, Prop.ForAll(gen.ToArbitrary(), property));

    private bool Verifies(Indicator copy) => new IndicatorSignatureVerifier(new VerifiedBatchCache()).Verify(copy, _signer.Key.PublicKey).IsValid;

    [Fact]
    public void Redact_EverySubsetOfFields_VerifiesAndKeepsTheLeafDigest()
    {
        var verifier = new IndicatorSignatureVerifier(new VerifiedBatchCache());
        Check(SignedAndRedactions, sample =>
        {
            var leaf = IndicatorCanonicalEncoding.LeafDigest(sample.Version);
            for (var mask = 0; mask <= (int)RedactableFields.All; mask++)
            {
                var copy = IndicatorRedaction.Redact(sample.Version, (RedactableFields)mask);
                var relayed = Indicator.Parser.ParseFrom(copy.ToByteArray());
                if (!verifier.Verify(relayed, _signer.Key.PublicKey).IsValid
                    || IndicatorRedaction.Redacted(relayed) != (RedactableFields)mask
                    || !IndicatorCanonicalEncoding.LeafDigest(relayed).AsSpan().SequenceEqual(leaf))
                {
                    return false;
                }
            }

            return true;
        });
    }

    [Fact]
    public void Redact_Copy_CarriesNeitherTheFieldNorItsSalt()
    {
        Check(SignedAndRedactions, sample =>
        {
            var copy = IndicatorRedaction.Redact(sample.Version, sample.Redactions);
            var bytes = copy.ToByteArray();
            var commitments = sample.Version.Commitments;
            var salts = new[] { commitments.ReportingOrganisation, commitments.InternalNotes, commitments.Description, commitments.Tags, commitments.KillChainPhases };
            var fields = new[] { RedactableFields.ReportingOrganisation, RedactableFields.InternalNotes, RedactableFields.Description, RedactableFields.Tags, RedactableFields.KillChainPhases };
            return fields.Zip(salts).All(f => (sample.Redactions & f.First) == 0 || bytes.AsSpan().IndexOf(f.Second.Salt.Span) < 0)
                && ((sample.Redactions & RedactableFields.Description) == 0 || copy.Description.Length == 0)
                && ((sample.Redactions & RedactableFields.Tags) == 0 || copy.Tags.Count == 0)
                && ((sample.Redactions & RedactableFields.KillChainPhases) == 0 || copy.KillChainPhases.Count == 0)
                && ((sample.Redactions & RedactableFields.ReportingOrganisation) == 0 || (copy.Sensitive?.ReportingOrganisation ?? "").Length == 0)
                && ((sample.Redactions & RedactableFields.InternalNotes) == 0 || (copy.Sensitive?.InternalNotes ?? "").Length == 0);
        });
    }

    [Fact]
    public void Verify_AnyAlterationOfAFullOrRedactedCopy_IsRefused()
    {
        Check(SignedAndRedactions, sample =>
        {
            var copy = IndicatorRedaction.Redact(sample.Version, sample.Redactions);
            foreach (var (name, alter) in V2Alterations.All)
            {
                var altered = copy.Clone();
                alter(altered);
                if (altered.Equals(copy))
                {
                    throw new InvalidOperationException($"alteration {name} changed nothing");
                }

                if (Verifies(altered))
                {
                    throw new InvalidOperationException($"alteration {name} still verifies (redactions {sample.Redactions})");
                }
            }

            return true;
        });
    }

    [Fact]
    public void Commit_SameFieldValuesTwice_GiveDifferentSaltsAndDigests()
    {
        Check(V2Generators.Unsigned, version =>
        {
            var again = version.Clone();
            IndicatorRedaction.Commit(again);
            var first = version.Commitments;
            var second = again.Commitments;
            var pairs = new[]
            {
                (first.ReportingOrganisation, second.ReportingOrganisation), (first.InternalNotes, second.InternalNotes),
                (first.Description, second.Description), (first.Tags, second.Tags), (first.KillChainPhases, second.KillChainPhases),
            };
            var salts = pairs.SelectMany(p => new[] { p.Item1.Salt, p.Item2.Salt }).ToArray();
            return pairs.All(p => p.Item1.Digest != p.Item2.Digest && p.Item1.Digest.Length == 32)
                && salts.All(s => s.Length == IndicatorCanonicalEncoding.FieldSaltLength)
                && salts.Distinct().Count() == salts.Length;
        });
    }

    [Fact]
    public void Commit_V1Predecessor_DropsTheV1SaltAndDigest()
    {
        var version = TestSigner.Unsigned();

        IndicatorRedaction.Commit(version);

        Assert.Equal(CanonicalEncoding.V2, version.Encoding);
        Assert.True(version.SensitiveDigest.IsEmpty);
        Assert.True(version.Sensitive.Salt.IsEmpty);
        Assert.Equal("ANSSI", version.Sensitive.ReportingOrganisation);
    }

    public void Dispose() => _signer.Dispose();
}
