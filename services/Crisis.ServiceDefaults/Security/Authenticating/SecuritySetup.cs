using Crisis.ServiceDefaults.Security.Authorizing;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Crisis.ServiceDefaults.Security.Authenticating;

/// <summary>Who the caller is (a person's JWT) and what they may do (the policies), for every endpoint of the host.</summary>
public static class SecuritySetup
{
    public static IHostApplicationBuilder AddCrisisSecurity(this IHostApplicationBuilder builder)
    {
        var jwt = JwtSettings.Read(builder.Configuration);
        builder.Services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme).AddJwtBearer(jwt.Apply);
        builder.Services.AddAuthorization(options => CrisisPolicies.Configure(options, builder.Configuration));
        return builder;
    }

    public static WebApplication UseCrisisSecurity(this WebApplication app)
    {
        app.UseAuthentication();
        app.UseAuthorization();
        return app;
    }
}
