/**
 * The live decisions of one stack's pool over `/api/v1/ws/inference/epp/{ns}/{name}` (1 s
 * batches; the token travels as the Kubernetes bearer subprotocol). `seed` (the latest page
 * from the REST API) fills the view before the first batch. A closed socket reconnects after
 * a few seconds; batches keep arriving while the page is open.
 */
import { useEffect, useReducer, useState } from "react";

import { useApi } from "../../api/useApi";
import { useAuthStore } from "../../auth/authStore";
import type { EppDecision } from "../dashboard/metricsTypes";
import { applyBatch, EMPTY_FEED, parseMessage, type EppFeedState } from "./eppFeed";

export type Connection = "connecting" | "live" | "reconnecting";

export const RECONNECT_MS = 3_000;

type Action =
  | { readonly kind: "batch"; readonly decisions: readonly EppDecision[]; readonly sentAt: number }
  | { readonly kind: "seed"; readonly decisions: readonly EppDecision[] };

function reduce(state: EppFeedState, action: Action): EppFeedState {
  return action.kind === "batch"
    ? applyBatch(state, action.decisions, action.sentAt)
    : applyBatch(state, action.decisions, null, false);
}

function base64url(text: string): string {
  return btoa(String.fromCharCode(...new TextEncoder().encode(text)))
    .replace(/\+/g, "-")
    .replace(/\//g, "_")
    .replace(/=+$/, "");
}

export function eppSocketUrl(namespace: string, name: string): string {
  const scheme = window.location.protocol === "https:" ? "wss" : "ws";
  return `${scheme}://${window.location.host}/api/v1/ws/inference/epp/${encodeURIComponent(namespace)}/${encodeURIComponent(name)}`;
}

export interface EppFeed {
  readonly state: EppFeedState;
  readonly connection: Connection;
}

export function useEppFeed(
  namespace: string,
  name: string,
  seed: readonly EppDecision[] | undefined,
): EppFeed {
  const { openSocket } = useApi();
  const token = useAuthStore((s) => s.token);
  const [state, dispatch] = useReducer(reduce, EMPTY_FEED);
  const [connection, setConnection] = useState<Connection>("connecting");

  useEffect(() => {
    if (seed !== undefined) dispatch({ kind: "seed", decisions: seed });
  }, [seed]);

  useEffect(() => {
    if (token === null) return;
    let socket: WebSocket | null = null;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let stopped = false;
    function onMessage(event: Event): void {
      const message = parseMessage((event as MessageEvent<string>).data);
      if (message.type === "subscribed") setConnection("live");
      if (message.type === "decisions") {
        setConnection("live");
        dispatch({ kind: "batch", decisions: message.decisions, sentAt: message.sentAt });
      }
    }
    function onClose(): void {
      if (stopped) return;
      setConnection("reconnecting");
      timer = setTimeout(connect, RECONNECT_MS);
    }
    function connect(): void {
      socket = openSocket(eppSocketUrl(namespace, name), [
        `base64url.bearer.authorization.k8s.io.${base64url(token ?? "")}`,
      ]);
      socket.addEventListener("message", onMessage);
      socket.addEventListener("close", onClose);
    }
    connect();
    return () => {
      stopped = true;
      clearTimeout(timer);
      if (socket !== null) {
        socket.removeEventListener("message", onMessage);
        socket.removeEventListener("close", onClose);
        socket.close();
      }
    };
  }, [namespace, name, token, openSocket]);

  return { state, connection };
}
