using Crisis.Cli.Hosting;

namespace Crisis.IntegrationTests.Securing.HostileInput;

/// <summary>Issue 18: tables wrapped at 80 columns when piped and ignored COLUMNS.</summary>
public class When_a_table_is_drawn_for_a_terminal_or_a_pipe
{
    [Test]
    public void Columns_set_by_the_user_win() => Assert.That(TerminalWidth.Resolve("132", outputRedirected: true, detected: 80), Is.EqualTo(132));

    [Test]
    public void A_pipe_gets_rows_wide_enough_to_stay_whole() =>
        Assert.That(TerminalWidth.Resolve(null, outputRedirected: true, detected: 80), Is.EqualTo(TerminalWidth.Piped));

    [Test]
    public void A_terminal_keeps_its_own_width() => Assert.That(TerminalWidth.Resolve(null, outputRedirected: false, detected: 97), Is.EqualTo(97));

    [TestCase("0")]
    [TestCase("-5")]
    [TestCase("wide")]
    [TestCase("99999")]
    [TestCase("")]
    public void A_nonsense_columns_value_is_ignored(string columns) =>
        Assert.That(TerminalWidth.Resolve(columns, outputRedirected: false, detected: 97), Is.EqualTo(97));
}
