/**
 * A short highlight on an element when `key` changes (a pod winning, a request arriving),
 * with the Web Animations API — skipped when the user prefers reduced motion.
 */
import { useEffect, useRef, type RefObject } from "react";

export function prefersReducedMotion(): boolean {
  return (
    typeof window.matchMedia === "function" &&
    window.matchMedia("(prefers-reduced-motion: reduce)").matches
  );
}

export function useFlash<T extends HTMLElement>(
  key: unknown,
  frames: Keyframe[],
  duration = 600,
): RefObject<T> {
  const ref = useRef<T>(null);
  const framesText = JSON.stringify(frames);
  useEffect(() => {
    const el = ref.current;
    if (key === null || key === undefined || el === null || typeof el.animate !== "function")
      return;
    if (prefersReducedMotion()) return;
    el.animate(JSON.parse(framesText) as Keyframe[], { duration, easing: "ease-out" });
  }, [key, framesText, duration]);
  return ref;
}
