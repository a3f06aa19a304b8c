import { notFound } from "next/navigation";

/** Any console address that matches no page: the console's own "not found" page, inside the shell, with a 404. */
export default function Missing() {
  notFound();
}
