package io.gavel.web;

import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Serves the pages from the classpath, plain files with no build step: {@code /auctions/{id}} (bidder),
 * {@code /clerk/{id}} (clerk console), and their script and style. The token never travels here: pages read it
 * from the address's fragment and send it over the socket.
 */
final class PagesHandler extends Handler.Abstract
{
    private static final Pattern AUCTION = Pattern.compile("/auctions/[0-9]{1,18}");
    private static final Pattern CLERK = Pattern.compile("/clerk/[0-9]{1,18}");
    private static final Map<String, String> STATIC = Map.of(
        "/static/gavel.js", "text/javascript; charset=utf-8",
        "/static/bidder.js", "text/javascript; charset=utf-8",
        "/static/clerk.js", "text/javascript; charset=utf-8",
        "/static/gavel.css", "text/css; charset=utf-8");
    private final Map<String, byte[]> files = new java.util.HashMap<>();

    PagesHandler()
    {
        for (final String name : new String[]{"index.html", "auction.html", "clerk.html", "gavel.js", "bidder.js",
            "clerk.js", "gavel.css"})
        {
            try (InputStream in = PagesHandler.class.getResourceAsStream("static/" + name))
            {
                if (in == null)
                {
                    throw new IllegalStateException("page " + name + " is missing from the gavel-web jar");
                }
                files.put(name, in.readAllBytes());
            }
            catch (final IOException ex)
            {
                throw new UncheckedIOException(ex);
            }
        }
    }

    public boolean handle(final Request request, final Response response, final Callback callback)
    {
        final String path = Request.getPathInContext(request);
        final String file;
        final String type;
        if (path.equals("/"))
        {
            file = "index.html";
            type = "text/html; charset=utf-8";
        }
        else if (AUCTION.matcher(path).matches())
        {
            file = "auction.html";
            type = "text/html; charset=utf-8";
        }
        else if (CLERK.matcher(path).matches())
        {
            file = "clerk.html";
            type = "text/html; charset=utf-8";
        }
        else if (STATIC.containsKey(path))
        {
            file = path.substring("/static/".length());
            type = STATIC.get(path);
        }
        else
        {
            Response.writeError(request, response, callback, 404, "no such page");
            return true;
        }
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, type);
        response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-store");
        response.getHeaders().put("X-Content-Type-Options", "nosniff");
        response.getHeaders().put("Referrer-Policy", "no-referrer");
        response.write(true, ByteBuffer.wrap(files.get(file)), callback);
        return true;
    }
}
