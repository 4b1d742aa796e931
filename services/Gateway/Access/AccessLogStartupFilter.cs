using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;

namespace CyberPledge.Gateway.Access;

/// <summary>Puts the access log in front of everything else, so calls refused early (a service still starting) are logged too.</summary>
internal sealed class AccessLogStartupFilter : IStartupFilter
{
    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        app.UseMiddleware<AccessLog>();
        next(app);
    };
}
