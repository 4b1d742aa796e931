using CyberPledge.Partners.Taxii;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace CyberPledge.Partners.Hosting;

/// <summary>
/// At start: TAXII credential hashes may be made cheaper than <see cref="TaxiiPasswords.DefaultIterations"/> only in
/// the Development environment (fast tests), never on a node in service (SECURITY.md rules 10 and 12).
/// </summary>
internal sealed class TaxiiIterationsCheck(IHostEnvironment environment) : IValidateOptions<PartnersOptions>
{
    private const string Setting = $"{PartnersOptions.SectionName}:TaxiiCredentialIterations";
    private const int DevelopmentMinimum = 1_000;

    public ValidateOptionsResult Validate(string? name, PartnersOptions options)
    {
        var iterations = options.TaxiiCredentialIterations;
        if (iterations >= TaxiiPasswords.DefaultIterations)
        {
            return ValidateOptionsResult.Success;
        }

        if (!environment.IsDevelopment())
        {
            return ValidateOptionsResult.Fail($"{Setting}: {iterations} is below {TaxiiPasswords.DefaultIterations}, allowed only in the Development environment");
        }

        return iterations >= DevelopmentMinimum
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail($"{Setting}: {iterations} is below {DevelopmentMinimum}, even in the Development environment");
    }
}
