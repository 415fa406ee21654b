using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Crisis.ServiceDefaults.Settings;

/// <summary>How every module registers its settings: <c>IOptions&lt;T&gt;</c> bound from one section and checked when the host starts.</summary>
public static class ValidatedSettings
{
    /// <summary>
    /// Binds <typeparamref name="T"/> to <paramref name="section"/> and validates it with its data annotations (and
    /// <see cref="System.ComponentModel.DataAnnotations.IValidatableObject"/>) at start: a wrong value stops the host with the
    /// messages the settings class gives, each naming its setting.
    /// </summary>
    public static OptionsBuilder<T> AddValidatedSettings<T>(this IServiceCollection services, IConfiguration configuration, string section)
        where T : class =>
        services.AddOptions<T>().Bind(configuration.GetSection(section)).ValidateDataAnnotations().ValidateOnStart();
}
