package io.gavel.replay.text;

import io.gavel.sbe.MessageHeaderEncoder;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every command and event the schema defines has a text form, so {@code journal tail} and the audit never print a
 * bare template number: a message added to the schema without one fails here.
 */
class EveryTemplateHasATextFormTest
{
    /** The journal's own record header (60) and the snapshot file's messages (70 to 99) never appear as frames. */
    private static boolean journaled(final int templateId)
    {
        return templateId < 60 || templateId >= 100;
    }

    private static List<Object[]> messages() throws Exception
    {
        final List<Object[]> messages = new ArrayList<>();
        try (InputStream in = EveryTemplateHasATextFormTest.class.getResourceAsStream("/sbe/gavel-v1.xml"))
        {
            assertNotNull(in, "the schema on the class path");
            final String schema = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            final Matcher matcher = Pattern.compile("<sbe:message name=\"(\\w+)\" id=\"(\\d+)\"").matcher(schema);
            while (matcher.find())
            {
                messages.add(new Object[]{matcher.group(1), Integer.parseInt(matcher.group(2))});
            }
        }
        assertTrue(messages.size() > 40, "messages found: " + messages.size());
        return messages;
    }

    @Test
    void everyCommandAndEventIsNamedAndDecoded() throws Exception
    {
        final CommandText commands = new CommandText();
        final EventText events = new EventText(0);
        final List<String> missing = new ArrayList<>();
        for (final Object[] message : messages())
        {
            final String name = (String)message[0];
            final int templateId = (Integer)message[1];
            if (!journaled(templateId))
            {
                continue;
            }
            final UnsafeBuffer buffer = new UnsafeBuffer(new byte[2048]);
            final Object encoder = Class.forName("io.gavel.sbe." + name + "Encoder").getConstructor().newInstance();
            encoder.getClass().getMethod("wrapAndApplyHeader", org.agrona.MutableDirectBuffer.class, int.class,
                MessageHeaderEncoder.class).invoke(encoder, buffer, 0, new MessageHeaderEncoder());
            for (final java.lang.reflect.Method setter : encoder.getClass().getMethods())
            {
                // Zero is not a value of every enum: give each enum field its first real value.
                if (setter.getParameterCount() == 1 && setter.getParameterTypes()[0].isEnum())
                {
                    setter.invoke(encoder, setter.getParameterTypes()[0].getEnumConstants()[0]);
                }
            }
            final int length = MessageHeaderEncoder.ENCODED_LENGTH +
                (Integer)encoder.getClass().getMethod("encodedLength").invoke(encoder);
            final StringBuilder out = new StringBuilder();
            final boolean known = templateId < 100 ? commands.format(buffer, 0, length, out) :
                events.format(buffer, 0, out);
            if (!known)
            {
                missing.add(name + " (" + templateId + ")");
                continue;
            }
            final String line = out.toString();
            assertTrue(Character.isLetter(line.charAt(0)) && !line.contains("template"), name + " printed as " + line);
            // The engine's ticks carry no correlation worth printing: their time is the record's.
            assertTrue(line.contains("=") || name.equals("Tick"), name + " printed without its fields: " + line);
        }
        assertEquals(List.of(), missing, "templates without a text form");
    }
}
