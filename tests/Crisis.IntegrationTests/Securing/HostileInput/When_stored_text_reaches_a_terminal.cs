using Crisis.Cli.Hosting;

namespace Crisis.IntegrationTests.Securing.HostileInput;

/// <summary>Text stored before the input rules existed may hold escape sequences: the CLI prints them visibly, never raw.</summary>
public class When_stored_text_reaches_a_terminal
{
    [Test]
    public void Escape_sequences_are_printed_as_visible_escapes()
    {
        using var captured = new StringWriter();
        using var safe = new TerminalSafeWriter(captured);

        safe.WriteLine("incident x: \u001b]0;pwned\u0007\u001b[2J title\u009b31m");
        safe.Write('\u0000');

        // Char by char: culture-aware string matching ignores NUL and would pass whatever was printed.
        Assert.That(captured.ToString().Where(c => c is '\u001b' or '\u0007' or '\u009b' or '\u0000'), Is.Empty);
        Assert.That(captured.ToString(), Does.Contain("\\u001B]0;pwned\\u0007\\u001B[2J title\\u009B31m").And.Contain("\\u0000"));
    }

    [Test]
    public void Line_breaks_tabs_and_every_script_pass_unchanged() =>
        Assert.That(TerminalSafeWriter.Visible("ligne\tune\nسطر ثاني\r\n😀"), Is.EqualTo("ligne\tune\nسطر ثاني\r\n😀"));
}
