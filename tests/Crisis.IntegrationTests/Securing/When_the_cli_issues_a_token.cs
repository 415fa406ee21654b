using System.Net;
using Crisis.Cli;
using Crisis.IntegrationTests.Running;
using Spectre.Console.Cli;

namespace Crisis.IntegrationTests.Securing;

public class When_the_cli_issues_a_token : IntegrationSpec
{
    private string directory = null!;

    [SetUp]
    public void CreateDirectory() => directory = Directory.CreateTempSubdirectory("crisis-token-").FullName;

    [TearDown]
    public void RemoveDirectory() => Directory.Delete(directory, recursive: true);

    /// <summary>Never disposed: the CLI's console library keeps the writer it first saw.</summary>
    private static readonly StringWriter Output = new();

    private static async Task<(int Exit, string Output)> RunCapturingOutputAsync(params string[] args)
    {
        var app = new CommandApp();
        app.Configure(CrisisCommands.Register);
        var original = Console.Out;
        Output.GetStringBuilder().Clear();
        Console.SetOut(Output);
        try
        {
            return (await app.RunAsync(args), Output.ToString().Trim());
        }
        finally
        {
            Console.SetOut(original);
        }
    }

    [Test]
    public async Task The_host_that_trusts_the_key_lets_its_holder_in_with_the_roles_it_names()
    {
        var (exit, token) = await RunCapturingOutputAsync("token", "--key", TestTokens.KeyFile, "--org", TestTokens.Organisation, "--role", "viewer", "--name", "cli-user", "--expires", "30m");
        Assert.That(exit, Is.Zero, token);

        using var client = Host.Anonymous();
        client.DefaultRequestHeaders.Authorization = new("Bearer", token);
        using var read = await client.GetAsync(new Uri("/api/incidents", UriKind.Relative));
        using var write = await client.PostAsync(new Uri("/api/incidents", UriKind.Relative), System.Net.Http.Json.JsonContent.Create(new { brandId = "acme", severity = 5 }));

        Assert.That(read.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(write.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden), "a viewer's token");
    }

    [Test]
    public async Task A_key_of_its_own_is_not_trusted_by_a_host_that_does_not_list_it()
    {
        var key = Path.Combine(directory, "key.json");
        Assert.That((await RunCapturingOutputAsync("token", "--create-key", key)).Exit, Is.Zero);
        var (exit, token) = await RunCapturingOutputAsync("token", "--key", key, "--org", TestTokens.Organisation, "--role", "admin", "--name", "mallory");
        Assert.That(exit, Is.Zero);

        using var client = Host.Anonymous();
        client.DefaultRequestHeaders.Authorization = new("Bearer", token);
        using var response = await client.GetAsync(new Uri("/api/incidents", UriKind.Relative));
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
    }

    [TestCase("--role", "boss")]
    [TestCase("--expires", "forever")]
    [TestCase("--org", "")]
    [TestCase("--locale", "de")]
    [TestCase("--time-zone", "Mars/Olympus_Mons")]
    public async Task Bad_arguments_exit_non_zero(string option, string value)
    {
        var arguments = new Dictionary<string, string> { ["--org"] = "acme", ["--role"] = "viewer", ["--name"] = "alice", ["--expires"] = "8h" };
        arguments[option] = value;
        var (exit, _) = await RunCapturingOutputAsync(["token", "--key", TestTokens.KeyFile, .. arguments.SelectMany(a => new[] { a.Key, a.Value })]);
        Assert.That(exit, Is.Not.Zero);
    }

    [Test]
    public async Task The_readers_language_and_time_zone_go_into_the_token_as_the_dashboard_reads_them()
    {
        var (exit, token) = await RunCapturingOutputAsync("token", "--key", TestTokens.KeyFile, "--org", TestTokens.Organisation, "--role", "viewer",
            "--name", "amina", "--locale", "ar-DZ", "--time-zone", "Africa/Algiers");
        Assert.That(exit, Is.Zero, token);

        var claims = new Microsoft.IdentityModel.JsonWebTokens.JsonWebToken(token);
        Assert.Multiple(() =>
        {
            Assert.That(claims.GetPayloadValue<string>("locale"), Is.EqualTo("ar"));
            Assert.That(claims.GetPayloadValue<string>("zoneinfo"), Is.EqualTo("Africa/Algiers"));
        });
    }

    [Test]
    public async Task An_existing_key_file_is_never_overwritten()
    {
        var key = Path.Combine(directory, "key.json");
        await RunCapturingOutputAsync("token", "--create-key", key);
        var before = await File.ReadAllTextAsync(key);

        var (exit, _) = await RunCapturingOutputAsync("token", "--create-key", key);

        Assert.That(exit, Is.Not.Zero);
        Assert.That(await File.ReadAllTextAsync(key), Is.EqualTo(before));
    }
}
