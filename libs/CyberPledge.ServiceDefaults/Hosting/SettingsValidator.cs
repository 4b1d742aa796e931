using Microsoft.Extensions.Options;

namespace CyberPledge.ServiceDefaults.Hosting;

/// <summary>Options validation from a function that yields one message per bad setting.</summary>
internal sealed class SettingsValidator<TOptions>(Func<TOptions, IEnumerable<string>> validate) : IValidateOptions<TOptions>
    where TOptions : class
{
    public ValidateOptionsResult Validate(string? name, TOptions options)
    {
        var failures = validate(options).ToList();
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
