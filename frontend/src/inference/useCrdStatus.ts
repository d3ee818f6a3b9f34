/**
 * Live status of one parent CRD over the WebSocket `/api/v1/ws/crd-status/{ns}/{name}`. The
 * token travels as the Kubernetes bearer subprotocol (browsers cannot set headers on a
 * WebSocket). Each status message also refreshes the cached object so every view agrees.
 */
import { useQueryClient } from "@tanstack/react-query";
import { useEffect, useState } from "react";

import { useApi } from "../api/useApi";
import { useAuthStore } from "../auth/authStore";

export interface CrdStatusMessage {
  readonly type: "status" | "deleted";
  readonly kind: string;
  readonly namespace: string;
  readonly name: string;
  readonly status: Record<string, unknown> | null;
}

export interface CrdStatusState {
  readonly connected: boolean;
  readonly last: CrdStatusMessage | null;
}

function base64url(text: string): string {
  return btoa(String.fromCharCode(...new TextEncoder().encode(text)))
    .replace(/\+/g, "-")
    .replace(/\//g, "_")
    .replace(/=+$/, "");
}

export function crdStatusUrl(kind: string, namespace: string, name: string): string {
  const scheme = window.location.protocol === "https:" ? "wss" : "ws";
  return `${scheme}://${window.location.host}/api/v1/ws/crd-status/${encodeURIComponent(namespace)}/${encodeURIComponent(name)}?kind=${kind}`;
}

export function useCrdStatus(
  kind: string,
  namespace: string,
  name: string,
  queryKey: readonly unknown[],
  enabled = true,
): CrdStatusState {
  const { openSocket } = useApi();
  const token = useAuthStore((s) => s.token);
  const queryClient = useQueryClient();
  const [state, setState] = useState<CrdStatusState>({ connected: false, last: null });
  const keyText = JSON.stringify(queryKey);

  useEffect(() => {
    if (!enabled || token === null) {
      return;
    }
    const socket = openSocket(crdStatusUrl(kind, namespace, name), [
      `base64url.bearer.authorization.k8s.io.${base64url(token)}`,
    ]);
    const key = JSON.parse(keyText) as unknown[];
    function onOpen(): void {
      setState((s) => ({ ...s, connected: true }));
    }
    function onClose(): void {
      setState((s) => ({ ...s, connected: false }));
    }
    function onMessage(event: Event): void {
      const data = (event as MessageEvent<string>).data;
      const message = JSON.parse(data) as CrdStatusMessage;
      if (message.name !== name || message.namespace !== namespace) {
        return;
      }
      setState({ connected: true, last: message });
      if (message.type === "status") {
        queryClient.setQueryData(key, (old: unknown) =>
          typeof old === "object" && old !== null ? { ...old, status: message.status } : old,
        );
      }
      void queryClient.invalidateQueries({ queryKey: ["inference", "pools"] });
    }
    socket.addEventListener("open", onOpen);
    socket.addEventListener("close", onClose);
    socket.addEventListener("message", onMessage);
    return () => {
      socket.removeEventListener("open", onOpen);
      socket.removeEventListener("close", onClose);
      socket.removeEventListener("message", onMessage);
      socket.close();
    };
  }, [enabled, token, openSocket, kind, namespace, name, keyText, queryClient]);

  return state;
}
