package io.gavel.web;

import java.util.HashMap;
import java.util.Map;

/**
 * One message from a browser: a flat JSON object of strings, whole numbers and booleans
 * ({@code {"action":"bid","lot":7,"amount":12000,"askVersion":3}}). Anything else is refused with a precise reason;
 * nothing nested is accepted, so a hostile message cannot make the parser recurse or allocate much.
 */
final class BrowserRequest
{
    private final Map<String, Object> fields;

    private BrowserRequest(final Map<String, Object> fields)
    {
        this.fields = fields;
    }

    /** Thrown for a message that is not a flat JSON object; the message says where and why. */
    static final class Malformed extends Exception
    {
        Malformed(final String message)
        {
            super(message);
        }
    }

    String action()
    {
        final Object action = fields.get("action");
        return action instanceof String ? (String)action : null;
    }

    String text(final String name) throws Malformed
    {
        final Object value = fields.get(name);
        if (!(value instanceof String))
        {
            throw new Malformed("'" + name + "' must be a string");
        }
        return (String)value;
    }

    long number(final String name) throws Malformed
    {
        final Object value = fields.get(name);
        if (!(value instanceof Long))
        {
            throw new Malformed("'" + name + "' must be a whole number");
        }
        return (Long)value;
    }

    long number(final String name, final long otherwise) throws Malformed
    {
        return fields.containsKey(name) ? number(name) : otherwise;
    }

    static BrowserRequest parse(final String text) throws Malformed
    {
        final Parser parser = new Parser(text);
        return new BrowserRequest(parser.object());
    }

    private static final class Parser
    {
        private final String s;
        private int at;

        Parser(final String s)
        {
            this.s = s;
        }

        Map<String, Object> object() throws Malformed
        {
            final Map<String, Object> out = new HashMap<>();
            space();
            expect('{');
            space();
            if (peek() == '}')
            {
                at++;
            }
            else
            {
                while (true)
                {
                    space();
                    final String name = string();
                    space();
                    expect(':');
                    space();
                    if (out.put(name, value()) != null)
                    {
                        throw new Malformed("field '" + name + "' appears twice");
                    }
                    space();
                    final char next = next();
                    if (next == '}')
                    {
                        break;
                    }
                    if (next != ',')
                    {
                        throw new Malformed("expected ',' or '}' at " + (at - 1));
                    }
                }
            }
            space();
            if (at != s.length())
            {
                throw new Malformed("unexpected text after the object at " + at);
            }
            return out;
        }

        private Object value() throws Malformed
        {
            final char c = peek();
            if (c == '"')
            {
                return string();
            }
            if (c == '-' || (c >= '0' && c <= '9'))
            {
                final int start = at;
                at++;
                while (at < s.length() && Character.isDigit(s.charAt(at)))
                {
                    at++;
                }
                if (at < s.length() && (s.charAt(at) == '.' || s.charAt(at) == 'e' || s.charAt(at) == 'E'))
                {
                    throw new Malformed("numbers are whole (amounts in minor units) at " + start);
                }
                try
                {
                    return Long.parseLong(s.substring(start, at));
                }
                catch (final NumberFormatException ex)
                {
                    throw new Malformed("number out of range at " + start);
                }
            }
            if (s.startsWith("true", at))
            {
                at += 4;
                return Boolean.TRUE;
            }
            if (s.startsWith("false", at))
            {
                at += 5;
                return Boolean.FALSE;
            }
            throw new Malformed("expected a string, a whole number or a boolean at " + at);
        }

        private String string() throws Malformed
        {
            expect('"');
            final StringBuilder out = new StringBuilder();
            while (true)
            {
                final char c = next();
                if (c == '"')
                {
                    return out.toString();
                }
                if (c == '\\')
                {
                    final char e = next();
                    switch (e)
                    {
                        case '"', '\\', '/' -> out.append(e);
                        case 'n' -> out.append('\n');
                        case 't' -> out.append('\t');
                        case 'r' -> out.append('\r');
                        case 'b' -> out.append('\b');
                        case 'f' -> out.append('\f');
                        case 'u' ->
                        {
                            if (at + 4 > s.length())
                            {
                                throw new Malformed("short \\u escape at " + at);
                            }
                            try
                            {
                                out.append((char)Integer.parseInt(s.substring(at, at + 4), 16));
                            }
                            catch (final NumberFormatException ex)
                            {
                                throw new Malformed("bad \\u escape at " + at);
                            }
                            at += 4;
                        }
                        default -> throw new Malformed("bad escape at " + (at - 1));
                    }
                }
                else if (c < 0x20)
                {
                    throw new Malformed("control character in a string at " + (at - 1));
                }
                else
                {
                    out.append(c);
                }
            }
        }

        private void space()
        {
            while (at < s.length() && Character.isWhitespace(s.charAt(at)))
            {
                at++;
            }
        }

        private char peek() throws Malformed
        {
            if (at >= s.length())
            {
                throw new Malformed("message ends early");
            }
            return s.charAt(at);
        }

        private char next() throws Malformed
        {
            final char c = peek();
            at++;
            return c;
        }

        private void expect(final char c) throws Malformed
        {
            if (next() != c)
            {
                throw new Malformed("expected '" + c + "' at " + (at - 1));
            }
        }
    }
}
