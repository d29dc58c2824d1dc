package dev.nixpolicy.render;

import com.samskivert.mustache.Mustache;
import com.samskivert.mustache.MustacheException;
import com.samskivert.mustache.Template;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The logic-less templates under {@code templates/}. A template prints what its view holds
 * and tests presence only; a value the view lacks is an error, never an empty string.
 * Values are escaped for the language the template writes, told by its name:
 * {@code *.md.mustache} for Markdown. Safe to render from several threads at once.
 */
public final class Templates {
    private final Path dir;
    private final Map<String, Template> compiled = new ConcurrentHashMap<>();

    private final boolean plainText;

    public Templates(Path dir) {
        this(dir, false);
    }

    /** With {@code plainText}, Markdown templates print facts as they are, for a terminal rather than a .md file. */
    public Templates(Path dir, boolean plainText) {
        this.dir = dir;
        this.plainText = plainText;
    }

    /**
     * Compiles these templates now, ahead of the first render, e.g. while waiting for the
     * rules. A template that does not compile is left for {@link #render} to report.
     */
    public void prepare(String... names) {
        for (String name : names) {
            try {
                compiled.computeIfAbsent(name, this::compile);
            } catch (IllegalStateException reportedByRender) {
                // render names the file and the problem when the template is needed
            }
        }
    }

    public String render(String name, Object view) {
        Template template = compiled.computeIfAbsent(name, this::compile);
        try {
            return template.execute(view);
        } catch (MustacheException e) {
            throw new IllegalStateException("template " + dir.resolve(name) + ": " + e.getMessage(), e);
        }
    }

    private Template compile(String name) {
        Path file = dir.resolve(name);
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("template " + file + " cannot be read: " + e.getMessage(), e);
        }
        Mustache.Escaper escaper;
        if (name.endsWith(".md.mustache")) {
            escaper = plainText ? TerminalText::escape : MarkdownText::escape;
        } else if (name.endsWith(".nix.mustache")) {
            escaper = NixString::escape;
        } else {
            throw new IllegalStateException("template " + file + ": no escaping is known for this kind of file");
        }
        try {
            return Mustache.compiler().withEscaper(escaper).compile(text);
        } catch (MustacheException e) {
            throw new IllegalStateException("template " + file + ": " + e.getMessage(), e);
        }
    }
}
