import { z } from "zod";
import { acknowledgeAlert, listAlerts, ZAlertQuery } from "@/lib/core/alerts/manage-alerts";
import { ZAlertPage, ZAlertView } from "@/lib/core/alerts/schemas";
import { endpoint } from "../endpoint";

export const listAlertsEndpoint = endpoint({
  method: "GET",
  path: "/api/v1/alerts",
  summary: "Alerts, newest first (status open = firing or acknowledged), each with its integration's runbook",
  action: "alerts.read",
  query: ZAlertQuery,
  response: ZAlertPage,
  run: ({ ctx, query }) => listAlerts({ ctx, input: query }),
});

export const acknowledgeAlertEndpoint = endpoint({
  method: "POST",
  path: "/api/v1/alerts/{id}/acknowledge",
  summary: "Acknowledge a firing alert (409 when it is already acknowledged or resolved)",
  action: "alerts.act",
  params: z.object({ id: z.string().min(1) }),
  response: ZAlertView,
  run: ({ ctx, params }) => acknowledgeAlert({ ctx, id: params.id }),
});
