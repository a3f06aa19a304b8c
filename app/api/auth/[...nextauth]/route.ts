// GET|POST /api/auth/* – next-auth sign-in, sign-out and session endpoints
import NextAuth from "next-auth";
import { authOptions } from "@/lib/server/auth-options";

type Handler = (req: Request, ctx: { params: Promise<{ nextauth: string[] }> }) => Promise<Response>;

const handler: Handler = (req, ctx) => (NextAuth(authOptions()) as Handler)(req, ctx);

export { handler as GET, handler as POST };
