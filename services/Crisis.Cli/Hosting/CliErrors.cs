using Npgsql;
using Spectre.Console.Cli;

namespace Crisis.Cli.Hosting;

/// <summary>
/// What a command that failed tells the operator: one line saying what to do, never a stack trace (set CRISIS_DEBUG=1
/// for one). Exit code 1 for a failure of the input or the environment, as every command returns for its own refusals.
/// </summary>
public static class CliErrors
{
    public static int Handle(Exception exception, ITypeResolver? resolver)
    {
        Console.Error.WriteLine("error: " + Explain(exception));
        if (Environment.GetEnvironmentVariable("CRISIS_DEBUG") == "1") Console.Error.WriteLine(exception);
        return 1;
    }

    public static string Explain(Exception exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            switch (e)
            {
                // 42P01 undefined table, 3F000 no such schema: the store was never created here.
                case PostgresException { SqlState: "42P01" or "3F000" } pg:
                    return $"the store has no Crisis tables here ({pg.MessageText}); create them with 'crisis db migrate' using the same --connection and --schema";
                case PostgresException { SqlState: "28P01" or "28000" }:
                    return "PostgreSQL refused the credentials of --connection";
                case NpgsqlException { InnerException: System.Net.Sockets.SocketException or TimeoutException } npgsql:
                    return $"cannot reach PostgreSQL ({npgsql.Message}); check --connection and that the server runs (bash ops/start-servers.sh)";
                case FileNotFoundException notFound:
                    return $"file not found: {notFound.FileName ?? notFound.Message}";
                case DirectoryNotFoundException or UnauthorizedAccessException or InvalidDataException or FormatException:
                    return TerminalSafeWriter.Visible(e.Message);
                case Microsoft.Extensions.Options.OptionsValidationException invalid:
                    return "invalid settings: " + TerminalSafeWriter.Visible(string.Join("; ", invalid.Failures));
                case CommandAppException app:
                    return TerminalSafeWriter.Visible(app.Message);
                case Desk.ApiProblemException problem:
                    return TerminalSafeWriter.Visible(problem.Message);
                case HttpRequestException { StatusCode: null } http:
                    return $"cannot reach the Crisis host ({TerminalSafeWriter.Visible(http.Message)}); check --url and that the host runs";
            }
        }
        return $"{exception.GetType().Name}: {TerminalSafeWriter.Visible(exception.Message)}";
    }
}
