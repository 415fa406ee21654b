using Crisis.ServiceDefaults.Security.Authenticating;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Crisis.Ingestion.Tests.Securing;

public class When_the_token_settings_are_bound
{
    private static ServiceProvider Services(Dictionary<string, string?> values) =>
        JwtSettings.AddJwtSettings(new ServiceCollection(), new ConfigurationBuilder().AddInMemoryCollection(values).Build()).BuildServiceProvider();

    [Test]
    public void No_issuer_at_all_is_refused_naming_both_settings()
    {
        using var services = Services([]);
        var refused = Assert.Throws<OptionsValidationException>(() => _ = services.GetRequiredService<IOptions<JwtSettings>>().Value);
        Assert.That(refused!.Message, Does.Contain("Authentication:Jwt:SigningKeyFiles").And.Contain("Authentication:Jwt:Authority"));
    }

    [Test]
    public void An_authority_configures_the_bearer_scheme()
    {
        using var services = Services(new() { ["Authentication:Jwt:Authority"] = "https://id.example.com", ["Authentication:Jwt:Audience"] = "crisis-api" });
        var bearer = services.GetRequiredService<IOptionsMonitor<JwtBearerOptions>>().Get(JwtBearerDefaults.AuthenticationScheme);
        Assert.Multiple(() =>
        {
            Assert.That(bearer.Authority, Is.EqualTo("https://id.example.com"));
            Assert.That(bearer.TokenValidationParameters.ValidAudience, Is.EqualTo("crisis-api"));
            Assert.That(bearer.MapInboundClaims, Is.False);
        });
    }
}
