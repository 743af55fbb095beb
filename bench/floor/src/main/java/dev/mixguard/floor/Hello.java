package dev.mixguard.floor;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;

/** The floor app's only resource, so that Quarkus REST has a route to deploy. */
@Path("/hello")
public class Hello {

    @GET
    public String hello() {
        return "hello";
    }
}
