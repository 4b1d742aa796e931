using CyberPledge.Partners.Hosting;
using CyberPledge.Partners.Taxii;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Hosting;

namespace CyberPledge.Partners.Tests.Taxii;

/// <summary>The salted slow hash of TAXII passwords and the only way to make it cheaper (SECURITY.md rule 10).</summary>
public sealed class TaxiiPasswordsTests
{
    [Fact]
    public void Hash_SameSaltSamePassword_Same_OtherSaltOrPassword_Different()
    {
        var salt = TaxiiPasswords.NewSalt();
        var hash = TaxiiPasswords.Hash("secret", salt, 1_000);

        Assert.Equal(32, hash.Length);
        Assert.Equal(hash, TaxiiPasswords.Hash("secret", salt, 1_000));
        Assert.NotEqual(hash, TaxiiPasswords.Hash("secret", TaxiiPasswords.NewSalt(), 1_000));
        Assert.NotEqual(hash, TaxiiPasswords.Hash("secret", salt, 1_001));
        Assert.True(TaxiiPasswords.Matches("secret", salt, 1_000, hash));
        Assert.False(TaxiiPasswords.Matches("Secret", salt, 1_000, hash));
    }

    [Fact]
    public void NewPasswordAndUsername_Random_AtLeast128Bits()
    {
        var passwords = Enumerable.Range(0, 50).Select(_ => TaxiiPasswords.NewPassword()).ToHashSet();

        Assert.Equal(50, passwords.Count);
        Assert.All(passwords, p => Assert.Equal(32, p.Length)); // 32 base64url characters: 192 bits
        Assert.NotEqual(TaxiiPasswords.NewUsername(), TaxiiPasswords.NewUsername());
        Assert.Equal(600_000, TaxiiPasswords.DefaultIterations);
    }

    [Theory]
    [InlineData("Production", 600_000, true)]
    [InlineData("Production", 1_000_000, true)]
    [InlineData("Production", 599_999, false)]
    [InlineData("Development", 1_000, true)]
    [InlineData("Development", 999, false)]
    public void IterationsCheck_BelowTheDefault_OnlyInDevelopment(string environment, int iterations, bool accepted)
    {
        var check = new TaxiiIterationsCheck(new Environment(environment));

        var result = check.Validate(null, new PartnersOptions { TaxiiCredentialIterations = iterations });

        Assert.Equal(accepted, result.Succeeded);
        if (!accepted)
        {
            Assert.Contains("Partners:TaxiiCredentialIterations", result.FailureMessage, StringComparison.Ordinal);
        }
    }

    private sealed class Environment(string name) : IHostEnvironment
    {
        public string EnvironmentName { get; set; } = name;

        public string ApplicationName { get; set; } = "test";

        public string ContentRootPath { get; set; } = "";

        public IFileProvider ContentRootFileProvider { get; set; } = new NullFileProvider();
    }
}
