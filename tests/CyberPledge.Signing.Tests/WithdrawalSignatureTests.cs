using CyberPledge.Testing;
using CyberPledge.V1;
using Google.Protobuf;

namespace CyberPledge.Signing.Tests;

public sealed class WithdrawalSignatureTests
{
    private static Withdrawal Sample() => new()
    {
        Sender = new Origin { Nation = "DEU", NodeId = "node-1" },
        Grantee = "JPN",
        Origin = new Origin { Nation = "NLD", NodeId = "node-1" },
        IndicatorId = "4d2d7b9e-8e55-4a59-9b7c-2f0b6f1f3c10",
        Version = 3,
    };

    [Fact]
    public void Verify_SignedBySendersKey_IsValid()
    {
        using var directory = new TemporaryDirectory();
        using var key = NodeSigningKey.LoadOrCreate(directory.Path);
        var withdrawal = Sample();

        key.SignWithdrawal(withdrawal);

        Assert.Equal(key.KeyId, withdrawal.KeyId.ToByteArray());
        Assert.True(WithdrawalSignature.Verify(withdrawal, key.PublicKey).IsValid);
    }

    [Theory]
    [InlineData("grantee")]
    [InlineData("sender")]
    [InlineData("origin")]
    [InlineData("id")]
    [InlineData("version")]
    public void Verify_AnySignedFieldChanged_DoesNotVerify(string field)
    {
        using var directory = new TemporaryDirectory();
        using var key = NodeSigningKey.LoadOrCreate(directory.Path);
        var withdrawal = Sample();
        key.SignWithdrawal(withdrawal);

        switch (field)
        {
            case "grantee": withdrawal.Grantee = "KOR"; break;
            case "sender": withdrawal.Sender.NodeId = "node-2"; break;
            case "origin": withdrawal.Origin.Nation = "POL"; break;
            case "id": withdrawal.IndicatorId = "5d2d7b9e-8e55-4a59-9b7c-2f0b6f1f3c10"; break;
            default: withdrawal.Version = 4; break;
        }

        var check = WithdrawalSignature.Verify(withdrawal, key.PublicKey);
        Assert.False(check.IsValid);
        Assert.StartsWith("signature: does not verify", check.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Verify_AnotherNodesKey_RefusedByKeyId()
    {
        using var directory = new TemporaryDirectory();
        using var other = new TemporaryDirectory();
        using var key = NodeSigningKey.LoadOrCreate(directory.Path);
        using var impostor = NodeSigningKey.LoadOrCreate(other.Path);
        var withdrawal = Sample();
        impostor.SignWithdrawal(withdrawal);

        Assert.False(WithdrawalSignature.Verify(withdrawal, key.PublicKey).IsValid);

        // Claiming the right key id does not help: the signature is checked with the pinned key.
        withdrawal.KeyId = ByteString.CopyFrom(key.KeyId);
        Assert.False(WithdrawalSignature.Verify(withdrawal, key.PublicKey).IsValid);
    }

    [Fact]
    public void Encode_StartsWithItsOwnDomain_NotAnIndicatorBatchStatement()
    {
        var encoded = WithdrawalSignature.Encode(Sample());

        Assert.Equal(WithdrawalSignature.Domain, System.Text.Encoding.UTF8.GetString(encoded, 4, WithdrawalSignature.Domain.Length));
    }
}
